import type { ElicitationView, Message } from '@salescoach/domain';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useFollowBottom } from './use-follow-bottom.js';
import { useMessageTarget } from './use-message-target.js';
import type { ConversationView } from './use-conversation.js';
import { MessageElicitation } from '../approvals/MessageElicitation.js';
import { MessageItem, PendingItem } from './MessageItem.js';
import type { AnswerFeedbackView } from './use-answer-feedback.js';

interface MessageListProps {
  view: ConversationView;
  ownUserId: string;
  empty?: ReactNode;
  label: string;
  /** "Good answer" / "Bad answer" on coach answers (absent: no feedback buttons). */
  feedback?: AnswerFeedbackView;
  /** Which message actions the conversation offers ("Edit", "Regenerate", "Delete"). */
  actions?: { edit?: boolean; regenerate?: boolean; delete?: boolean };
}

/**
 * The conversation, oldest first. Follows the bottom while the reader is there ("Jump to
 * latest" brings them back when they scrolled up); scrolling to the top (or the "Load older" button) fetches the previous page without a jump.
 */
export function MessageList({
  view,
  ownUserId,
  empty,
  label,
  feedback,
  actions = {},
}: MessageListProps) {
  const { state } = view;
  const { edit: editable, regenerate: regenerable, delete: deletable } = actions;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLElement>(null);
  const follow = useFollowBottom(scroller, content);
  useMessageTarget(view, scroller, follow.release);
  const anchor = useRef<{ firstId: string | undefined; height: number } | null>(null);
  const firstId = state.messages[0]?.id;
  const last = state.messages.at(-1);

  // Keep the reader's place when older messages are inserted above.
  useLayoutEffect(() => {
    const el = scroller.current;
    const saved = anchor.current;
    if (!el || !saved || saved.firstId === firstId) return;
    el.scrollTop += el.scrollHeight - saved.height;
    anchor.current = null;
  }, [firstId]);

  // Sending a message brings the reader down to it, wherever they were.
  const sentCount = state.pending.length;
  const { jumpToLatest } = follow;
  useEffect(() => {
    if (sentCount > 0) jumpToLatest();
  }, [sentCount, jumpToLatest]);

  const loadOlder = () => {
    const el = scroller.current;
    anchor.current = { firstId, height: el?.scrollHeight ?? 0 };
    void view.loadOlder();
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    follow.onScroll();
    if (el.scrollTop < 64 && state.hasMore && !view.loadingOlder) loadOlder();
  };

  const onRetry = (message: Message) => view.retryAnswer(message);
  // A request for input shows in the answer whose call asked; when that answer is not on
  // screen (an older page, another version), after the last message.
  const shown = view.versions.shown;
  const elicitations = useMemo(() => {
    const ids = new Set(shown.map((m) => m.id));
    const byMessage = new Map<string, ElicitationView[]>();
    const elsewhere: ElicitationView[] = [];
    for (const { messageId, elicitation } of state.elicitations)
      if (ids.has(messageId))
        byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), elicitation]);
      else elsewhere.push(elicitation);
    return { byMessage, elsewhere };
  }, [state.elicitations, shown]);
  const nothing = !view.loading && state.messages.length === 0 && state.pending.length === 0;

  return (
    <div className="message-scroller" ref={scroller} onScroll={onScroll}>
      <section className="messages" aria-label={label} ref={content}>
        {state.hasMore && (
          <div className="older">
            <button
              type="button"
              className="ghost small"
              onClick={loadOlder}
              disabled={view.loadingOlder}
            >
              {view.loadingOlder ? 'Loading older messages…' : 'Load older messages'}
            </button>
          </div>
        )}
        {view.loading && (
          <p className="muted center" role="status">
            Loading conversation…
          </p>
        )}
        {nothing && empty}
        {view.versions.shown.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            ownUserId={ownUserId}
            onRetry={onRetry}
            feedback={feedback?.byMessage.get(m.id)}
            onRate={feedback?.rate}
            versions={view.versions.position(m)}
            onChooseVersion={view.versions.choose}
            onEdit={editable ? view.edit : undefined}
            onRegenerate={
              regenerable && !view.answering && m.status !== 'streaming'
                ? view.regenerate
                : undefined
            }
            onDelete={deletable ? view.remove : undefined}
            elicitations={elicitations.byMessage.get(m.id)}
          />
        ))}
        {elicitations.elsewhere.map((e) => (
          <MessageElicitation key={e.id} elicitation={e} />
        ))}
        {state.pending.map((p) => (
          <PendingItem
            key={p.clientMessageId}
            pending={p}
            onResend={() => view.resend(p.clientMessageId)}
            onDismiss={() => view.dismissPending(p.clientMessageId)}
          />
        ))}
      </section>
      {feedback?.error && (
        <p className="error small inline-error" role="alert">
          {feedback.error}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {view.answering
          ? 'The coach is answering'
          : last?.author.kind === 'assistant'
            ? `Answer ${last.status}`
            : ''}
      </p>
      {follow.away && (
        <button type="button" className="jump-latest small" onClick={follow.jumpToLatest}>
          <span aria-hidden="true">↓</span> Jump to latest
        </button>
      )}
    </div>
  );
}
