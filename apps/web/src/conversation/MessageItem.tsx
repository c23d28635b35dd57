import type { ElicitationView, FeedbackRating, Message, MyFeedback } from '@salescoach/domain';
import type { VersionPosition } from '@salescoach/domain/message-tree';
import { memo, useContext, useState } from 'react';
import { SignedInContext } from '../app/signed-in-context.js';
import { MessageApproval } from '../approvals/MessageApproval.js';
import { MessageElicitation } from '../approvals/MessageElicitation.js';
import { MessageConnect } from '../connections/MessageConnect.js';
import { CopyButton } from '../render/CopyButton.js';
import { DataTable } from '../render/DataTable.js';
import { LazyChart, LazyMarkdown } from '../render/lazy-renderers.js';
import { ReadAloudButton } from '../speech/ReadAloudButton.js';
import type { PendingMessage } from './answer-events.js';
import { Avatar } from './Avatar.js';
import { FeedbackButtons } from './FeedbackButtons.js';
import { MessageEditor } from './MessageEditor.js';
import { ToolChips } from './ToolChips.js';
import { VersionNav } from './VersionNav.js';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function hasMarkdownTable(text: string): boolean {
  return /^\s*\|.*\|\s*$/m.test(text) && /^\s*\|?\s*:?-{3,}/m.test(text);
}

interface MessageItemProps {
  message: Message;
  /** Show author names (group rooms); in 1-on-1 chat "You" and "Coach" suffice. */
  ownUserId: string;
  onRetry?: (message: Message) => void;
  /** The user's verdict on this answer, and how to give one (coach answers only). */
  feedback?: MyFeedback;
  onRate?: (messageId: string, rating: FeedbackRating | null, reason?: string) => void;
  /** Where it stands among its versions (1-on-1 chat), and how to show another. */
  versions?: VersionPosition;
  onChooseVersion?: (message: Message, versionId: string) => void;
  /** "Edit" on one's own messages; resolves true once saved. */
  onEdit?: (message: Message, content: string) => Promise<boolean>;
  /** "Regenerate" on coach answers (1-on-1 chat). */
  onRegenerate?: (message: Message) => void;
  /** "Delete" on one's own messages (rooms). */
  onDelete?: (message: Message) => void;
  /** A tool's open requests for input from this user, while this answer runs. */
  elicitations?: readonly ElicitationView[];
}

/** One stored message: a person's plain text, or the coach's markdown with tools, tables and charts. */
export const MessageItem = memo(function MessageItem({
  message,
  ownUserId,
  onRetry,
  feedback,
  onRate,
  versions,
  onChooseVersion,
  onEdit,
  onRegenerate,
  onDelete,
  elicitations,
}: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const viewer = useContext(SignedInContext)?.me ?? { id: ownUserId, roles: [] };
  const coach = message.author.kind === 'assistant';
  const own = message.author.kind === 'user' && message.author.userId === ownUserId;
  const name = coach ? message.author.name || 'Coach' : own ? 'You' : message.author.name;
  const streaming = message.status === 'streaming';
  const { tables, charts } = message.attachments;
  const versionNav =
    versions && versions.count > 1 && onChooseVersion ? (
      <VersionNav position={versions} onChoose={(id) => onChooseVersion(message, id)} />
    ) : null;
  return (
    <article
      className={`message ${coach ? 'from-coach' : own ? 'from-me' : 'from-other'} status-${message.status}`}
      aria-busy={streaming}
      aria-label={`${name}${streaming ? ', answering' : ''}`}
      data-message-id={message.id}
      data-status={message.status}
    >
      <Avatar name={coach ? 'Coach' : message.author.name} coach={coach} />
      <div className="bubble">
        <header className="message-meta">
          <span className="author">{name}</span>
          <time dateTime={message.createdAt}>{time.format(new Date(message.createdAt))}</time>
          {coach && message.model?.provider === 'offline' && (
            <span
              className="badge badge-offline"
              title="Answered without an LLM, from tool results only"
            >
              offline model
            </span>
          )}
          {message.status === 'interrupted' && <span className="badge badge-warn">stopped</span>}
          {message.status === 'failed' && <span className="badge badge-error">failed</span>}
          {message.editedAt && <span className="muted small">edited</span>}
        </header>
        <ToolChips calls={message.toolCalls} />
        {message.toolCalls.map((call) =>
          call.status === 'awaiting_approval' && call.approvalId ? (
            <MessageApproval key={call.id} approvalId={call.approvalId} viewer={viewer} />
          ) : null,
        )}
        {elicitations?.map((e) => (
          <MessageElicitation key={e.id} elicitation={e} />
        ))}
        {coach ? (
          message.content ? (
            <LazyMarkdown text={message.content} />
          ) : streaming ? (
            <p className="thinking">
              <span className="dots" aria-hidden="true" /> Thinking…
            </p>
          ) : null
        ) : editing && onEdit ? (
          <MessageEditor
            initial={message.content}
            onSave={(content) => onEdit(message, content)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p className="plain">{message.content}</p>
        )}
        {streaming && message.content && <span className="caret" aria-hidden="true" />}
        {coach &&
          !hasMarkdownTable(message.content) &&
          tables.map((t, i) => <DataTable key={i} table={t} />)}
        {charts.map((spec, i) => (
          <LazyChart key={`${spec.title}-${i}`} spec={spec} />
        ))}
        {message.status === 'failed' && (
          <p className="error" role="alert">
            {message.error ?? 'The coach could not answer.'}
          </p>
        )}
        {coach && <MessageConnect message={message} />}
        {coach && !streaming && (
          <div className="message-actions">
            {message.content && <CopyButton text={message.content} label="Copy" />}
            {message.content && <ReadAloudButton text={message.content} />}
            {(message.status === 'failed' || message.status === 'interrupted') && onRetry && (
              <button type="button" className="ghost small" onClick={() => onRetry(message)}>
                Retry
              </button>
            )}
            {onRegenerate && (
              <button type="button" className="ghost small" onClick={() => onRegenerate(message)}>
                Regenerate
              </button>
            )}
            {onRate && message.content && message.status !== 'failed' && (
              <FeedbackButtons
                current={feedback}
                onRate={(rating, reason) => onRate(message.id, rating, reason)}
              />
            )}
            {versionNav}
          </div>
        )}
        {own && !editing && (onEdit || onDelete || versionNav) && (
          <div className="message-actions">
            {onEdit && (
              <button type="button" className="ghost small" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            {onDelete && (
              <button type="button" className="ghost small" onClick={() => onDelete(message)}>
                Delete
              </button>
            )}
            {versionNav}
          </div>
        )}
      </div>
    </article>
  );
});

/** A message sent from this tab that the server has not confirmed yet (or refused). */
export function PendingItem({
  pending,
  onResend,
  onDismiss,
}: {
  pending: PendingMessage;
  onResend: () => void;
  onDismiss: () => void;
}) {
  return (
    <article className="message from-me pending" aria-label="You, sending">
      <Avatar name={pending.authorName} />
      <div className="bubble">
        <header className="message-meta">
          <span className="author">You</span>
          <span className="muted">{pending.failed ? 'not sent' : 'sending…'}</span>
        </header>
        <p className="plain">{pending.content}</p>
        {pending.failed && (
          <>
            <p className="error" role="alert">
              {pending.failed}
            </p>
            <div className="message-actions">
              <button type="button" className="ghost small" onClick={onResend}>
                Retry
              </button>
              <button type="button" className="ghost small" onClick={onDismiss}>
                Discard
              </button>
            </div>
          </>
        )}
      </div>
    </article>
  );
}
