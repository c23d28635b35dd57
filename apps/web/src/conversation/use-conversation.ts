import type { ConversationEvent, Message } from '@salescoach/domain';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { errorCode, readableError } from '../api/readable-error.js';
import { useApprovalSink } from '../approvals/ApprovalsProvider.js';
import {
  conversationReducer,
  initialConversationState,
  streamingAnswer,
  type ConversationState,
} from './answer-events.js';
import type { ConversationSource } from './conversation-source.js';
import { useMessageVersions, type MessageVersions } from './use-message-versions.js';

const PAGE_SIZE = 30;

export interface ConversationView {
  readonly state: ConversationState;
  readonly loading: boolean;
  readonly loadingOlder: boolean;
  /** A problem loading or following the conversation (safe to show). */
  readonly error: string | null;
  /** Not found or not allowed: retrying will not help. */
  readonly gone: boolean;
  /** The live stream is established (events sent from now on will arrive). */
  readonly live: boolean;
  readonly answering: Message | undefined;
  /** Resolves true once the message shows in the list (sent, or "not sent" with Retry). */
  readonly send: (content: string) => Promise<boolean>;
  readonly resend: (clientMessageId: string) => void;
  readonly retryAnswer: (failed: Message) => void;
  readonly stop: () => void;
  readonly loadOlder: () => Promise<void>;
  readonly dismissPending: (clientMessageId: string) => void;
  /** Which versions are shown (1-on-1 chat) and the messages to show. */
  readonly versions: MessageVersions;
  /** Edits one's own message (a new version in chat, in place in a room); resolves true when saved. */
  readonly edit: (message: Message, content: string) => Promise<boolean>;
  /** Another answer to this answer's question (chat). */
  readonly regenerate: (answer: Message) => void;
  /** Deletes one's own message (rooms). */
  readonly remove: (message: Message) => void;
}

const errorText = readableError;

function isFinal(error: unknown): boolean {
  return ['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(error) ?? '');
}

/**
 * Loads a conversation's latest page, then follows its events from the page's lastEventId
 * (no gap, nothing twice). The socket's own reconnects resume from the last tracked id; a
 * `sync.reset` reloads the history; errors resubscribe with backoff.
 */
export function useConversation(
  source: ConversationSource | null,
  options: {
    authorName: string;
    onSideEvent?: (event: ConversationEvent) => void;
    /** The server refused the token (expired while away): get a fresh one. */
    onUnauthorized?: () => void;
  },
): ConversationView {
  const [state, dispatch] = useReducer(conversationReducer, initialConversationState);
  const [loading, setLoading] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [live, setLive] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const sideEvent = useRef(options.onSideEvent);
  sideEvent.current = options.onSideEvent;
  const unauthorized = useRef(options.onUnauthorized);
  unauthorized.current = options.onUnauthorized;
  // A request for approval and its decision also reach the tab's approvals (badge, cards).
  const sink = useApprovalSink();
  const approvalSink = useRef(sink);
  approvalSink.current = sink;

  useEffect(() => {
    dispatch({ type: 'reset' });
    setError(null);
    setGone(false);
    setLive(false);
    if (!source) {
      setLoading(false);
      return;
    }
    setLoading(true);
    let cancelled = false;
    let unsubscribe: (() => void) | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;

    const follow = (lastEventId: string | null) => {
      unsubscribe = source.follow(lastEventId, {
        onStarted() {
          attempt = 0;
          if (cancelled) return;
          setError(null);
          setLive(true);
        },
        onEvent(event, id) {
          if (cancelled) return;
          dispatch({ type: 'event', event, id });
          if (event.type === 'tool.awaiting_approval' || event.type === 'approval.decided')
            approvalSink.current?.(event.approval);
          sideEvent.current?.(event);
        },
        onError(err) {
          if (cancelled) return;
          unsubscribe?.();
          setLive(false);
          setError(errorText(err));
          if (isFinal(err)) {
            setGone(true);
            return;
          }
          attempt += 1;
          if (attempt === 1 && errorCode(err) === 'UNAUTHORIZED') unauthorized.current?.();
          retryTimer = setTimeout(
            () => follow(stateRef.current.lastEventId),
            Math.min(1_000 * 2 ** attempt, 15_000),
          );
        },
      });
    };

    const load = async () => {
      try {
        const page = await source.list({ limit: PAGE_SIZE });
        if (cancelled) return;
        dispatch({
          type: 'history.loaded',
          messages: page.messages,
          lastEventId: page.lastEventId,
          hasMore: page.hasMore,
        });
        setLoading(false);
        follow(page.lastEventId);
      } catch (err) {
        if (cancelled) return;
        setLoading(false);
        setError(errorText(err));
        if (isFinal(err)) setGone(true);
        else retryTimer = setTimeout(() => void load(), 3_000);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(retryTimer);
      unsubscribe?.();
    };
  }, [source]);

  // The server lost our place in its event log: reload the history, keep listening. A reload
  // that fails is tried again (with backoff) until one succeeds: nothing else would.
  const [reloadAttempt, setReloadAttempt] = useState(0);
  useEffect(() => {
    if (!state.needsReload || !source) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    source.list({ limit: PAGE_SIZE }).then(
      (page) => {
        if (cancelled) return;
        setError(null);
        setReloadAttempt(0);
        dispatch({
          type: 'history.loaded',
          messages: page.messages,
          lastEventId: page.lastEventId,
          hasMore: page.hasMore,
        });
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(errorText(err));
        retry = setTimeout(
          () => setReloadAttempt((n) => n + 1),
          Math.min(1_000 * 2 ** reloadAttempt, 15_000),
        );
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [state.needsReload, source, reloadAttempt]);

  // Typing indicators expire on their own.
  useEffect(() => {
    if (state.typing.length === 0) return;
    const next = Math.min(...state.typing.map((t) => t.until));
    const timer = setTimeout(
      () => dispatch({ type: 'typing.expired', now: Date.now() }),
      Math.max(next - Date.now(), 50),
    );
    return () => clearTimeout(timer);
  }, [state.typing]);

  const versions = useMessageVersions(state.messages, source?.kind ?? 'session');
  const { parentForNew, followNewest } = versions;

  const deliver = useCallback(
    async (content: string, clientMessageId: string, parentId?: string): Promise<boolean> => {
      if (!source) return false;
      try {
        const message = await source.send(content, clientMessageId, parentId);
        dispatch({ type: 'send.confirmed', clientMessageId, message });
        return true;
      } catch (err) {
        dispatch({ type: 'send.failed', clientMessageId, reason: errorText(err) });
        return false;
      }
    },
    [source],
  );

  const send = useCallback(
    async (content: string) => {
      const text = content.trim();
      if (!text || !source) return false;
      const clientMessageId = crypto.randomUUID();
      dispatch({
        type: 'send.pending',
        pending: {
          clientMessageId,
          content: text,
          authorName: options.authorName,
          createdAt: new Date().toISOString(),
        },
      });
      // Sent or not, the message now shows in the list (a refused one as "not sent" with
      // Retry), so the caller must not also keep it in the box: it would be sent twice.
      const parentId = parentForNew();
      followNewest();
      await deliver(text, clientMessageId, parentId);
      return true;
    },
    [deliver, options.authorName, source, parentForNew, followNewest],
  );

  const edit = useCallback(
    async (message: Message, content: string) => {
      const text = content.trim();
      if (!text || !source?.edit) return false;
      try {
        await source.edit(message.id, text, crypto.randomUUID());
        followNewest();
        return true;
      } catch (err) {
        setError(errorText(err));
        return false;
      }
    },
    [source, followNewest],
  );

  const regenerate = useCallback(
    (answer: Message) => {
      if (!source?.regenerate) return;
      followNewest();
      source.regenerate(answer.id).catch((err: unknown) => setError(errorText(err)));
    },
    [source, followNewest],
  );

  const remove = useCallback(
    (message: Message) => {
      source?.remove?.(message.id).catch((err: unknown) => setError(errorText(err)));
    },
    [source],
  );

  const resend = useCallback(
    (clientMessageId: string) => {
      const pending = stateRef.current.pending.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return;
      dispatch({ type: 'pending.dismissed', clientMessageId });
      dispatch({ type: 'send.pending', pending: { ...pending, failed: undefined } });
      // The same clientMessageId: the server stores the message at most once.
      void deliver(pending.content, clientMessageId);
    },
    [deliver],
  );

  const retryAnswer = useCallback(
    (failed: Message) => {
      const question = stateRef.current.messages.findLast(
        (m) => m.seq < failed.seq && m.author.kind === 'user',
      );
      if (question) void send(question.content);
    },
    [send],
  );

  const stop = useCallback(() => {
    if (!source) return;
    source.stop().catch((err: unknown) => setError(errorText(err)));
  }, [source]);

  const loadOlder = useCallback(async () => {
    const first = stateRef.current.messages[0];
    if (!source || !first || !stateRef.current.hasMore || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await source.list({ before: first.seq, limit: PAGE_SIZE });
      dispatch({ type: 'history.older', messages: page.messages, hasMore: page.hasMore });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoadingOlder(false);
    }
  }, [loadingOlder, source]);

  const dismissPending = useCallback(
    (clientMessageId: string) => dispatch({ type: 'pending.dismissed', clientMessageId }),
    [],
  );

  return {
    state,
    loading,
    loadingOlder,
    error,
    gone,
    live,
    answering: streamingAnswer(state),
    send,
    resend,
    retryAnswer,
    stop,
    loadOlder,
    dismissPending,
    versions,
    edit,
    regenerate,
    remove,
  };
}
