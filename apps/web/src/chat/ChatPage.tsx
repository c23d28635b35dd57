import type { ConversationEvent, Message } from '@salescoach/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC, type Session } from '../api/trpc-react.js';
import { useKeyboardShortcuts } from '../app/keyboard-shortcuts.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { Composer } from '../conversation/Composer.js';
import { sessionSource } from '../conversation/conversation-source.js';
import { ExportMenu } from '../conversation/ExportMenu.js';
import { MessageList } from '../conversation/MessageList.js';
import { useAnswerFeedback } from '../conversation/use-answer-feedback.js';
import { useConversation } from '../conversation/use-conversation.js';
import { markRead } from '../app/read-marks.js';
import { useAttentionNotifications } from '../notifications/use-attention-notifications.js';
import { SessionSidebar } from './SessionSidebar.js';

/** First questions to try; the accounts named are in the demo CRM data. */
export const SUGGESTIONS = [
  'How is my pipeline this quarter by stage?',
  'Which of my deals are at risk?',
  'Tell me about Vantage Labs',
  'Vantage Labs pushes back on price. How do I handle it?',
];

/** 1-on-1 coaching: the sessions sidebar and the open conversation (`/chat/:sessionId`). */
export function ChatPage({ sessionId }: { sessionId: string | null }) {
  const { me, client, renewToken } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [starting, setStarting] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  // The first question of a conversation created here, sent once its stream is live.
  const outbox = useRef<{ sessionId: string; text: string } | null>(null);

  const source = useMemo(
    () => (sessionId ? sessionSource(client, sessionId) : null),
    [client, sessionId],
  );
  const sessions = queryClient.getQueryData<Session[]>(trpc.chat.sessions.list.queryKey());
  const title = sessions?.find((s) => s.id === sessionId)?.title;
  const shown = useRef<readonly Message[]>([]);
  const notify = useAttentionNotifications(
    me,
    { kind: 'session', title: title ?? 'Conversation' },
    shown,
  );
  const onSideEvent = useCallback(
    (event: ConversationEvent) => {
      notify(event);
      if (event.type !== 'session.updated') return;
      queryClient.setQueryData(trpc.chat.sessions.list.queryKey(), (old: Session[] | undefined) =>
        old?.map((s) => (s.id === event.session.id ? event.session : s)),
      );
    },
    [notify, queryClient, trpc],
  );
  const view = useConversation(source, {
    authorName: me.name,
    onSideEvent,
    onUnauthorized: renewToken,
  });
  shown.current = view.state.messages;
  // What is on screen counts as read (the sidebar's unread count is past this mark).
  const lastSeq = view.state.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (sessionId && lastSeq > 0) markRead(me.id, sessionId, lastSeq);
  }, [sessionId, lastSeq, me.id]);
  const feedback = useAnswerFeedback(source);
  // Esc stops the answer being written.
  useKeyboardShortcuts({ stop: view.answering ? view.stop : undefined });

  useEffect(() => {
    const pending = outbox.current;
    if (!pending || pending.sessionId !== sessionId || !view.live) return;
    outbox.current = null;
    setStarting(null);
    void view.send(pending.text);
  }, [sessionId, view, view.live]);

  const startConversation = async (text: string) => {
    setStarting(text);
    setStartError(null);
    try {
      const session = await client.chat.sessions.create.mutate({});
      await queryClient.invalidateQueries({ queryKey: trpc.chat.sessions.list.queryKey() });
      outbox.current = { sessionId: session.id, text };
      navigate(`/chat/${session.id}`);
      return true;
    } catch (error) {
      setStarting(null);
      setStartError(readableError(error));
      return false;
    }
  };

  const welcome = (
    <div className="welcome">
      <h2>What are we working on?</h2>
      <p className="muted">Ask about your pipeline, a deal, or how to handle an objection.</p>
      <ul className="suggestions" aria-label="Suggestions">
        {SUGGESTIONS.map((s) => (
          <li key={s}>
            <button
              type="button"
              className="suggestion"
              disabled={starting !== null}
              onClick={() => void (sessionId ? view.send(s) : startConversation(s))}
            >
              {s}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );

  return (
    <div className="chat-layout">
      <SessionSidebar
        activeId={sessionId}
        open={sidebarOpen}
        onNavigate={() => setSidebarOpen(false)}
      />
      <section className="conversation" aria-label="Conversation">
        <header className="conversation-header">
          <button
            type="button"
            className="ghost sidebar-toggle"
            aria-expanded={sidebarOpen}
            onClick={() => setSidebarOpen((o) => !o)}
          >
            Conversations
          </button>
          <h1 className="conversation-title">
            {sessionId ? (title ?? 'Conversation') : 'New conversation'}
          </h1>
          {source && !view.gone && (
            <ExportMenu source={source} title={title ?? 'Conversation'} ownUserId={me.id} />
          )}
        </header>
        {view.gone ? (
          <div className="welcome">
            <p role="alert">This conversation does not exist or is not yours.</p>
          </div>
        ) : sessionId ? (
          <MessageList
            view={view}
            ownUserId={me.id}
            empty={starting ? null : welcome}
            label="Messages"
            feedback={feedback}
            actions={CHAT_ACTIONS}
          />
        ) : (
          <div className="message-scroller">{welcome}</div>
        )}
        {(view.error && !view.gone) || startError ? (
          <p className="error small inline-error" role="alert">
            {startError ?? view.error}
          </p>
        ) : null}
        <Composer
          onSend={(text) => (sessionId ? view.send(text) : startConversation(text))}
          answering={view.answering !== undefined}
          onStop={view.stop}
          disabled={view.gone || starting !== null}
        />
      </section>
    </div>
  );
}

const CHAT_ACTIONS = { edit: true, regenerate: true };
