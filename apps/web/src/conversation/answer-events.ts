import type {
  ConversationEvent,
  ElicitationView,
  Message,
  ToolCallRecord,
} from '@salescoach/domain';

/**
 * The answer-events reducer: turns a conversation's history pages and live events into
 * what the screen shows. Pure, so every ordering and duplicate case is testable.
 *
 * - Messages are kept by id (an event seen twice changes nothing) and ordered by `seq`.
 * - A message sent from this tab shows at once as `pending`, keyed by its clientMessageId,
 *   and is replaced by the stored message when `message.created` (or the send reply) arrives.
 * - `answer.delta` appends text to its streaming message; `answer.completed` / `answer.failed`
 *   replace the message with the persisted one, so the final text is always the server's.
 */

export interface PendingMessage {
  readonly clientMessageId: string;
  readonly content: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly failed?: string;
}

export interface TypingPerson {
  readonly userId: string;
  readonly name: string;
  /** Epoch ms after which the indicator goes away. */
  readonly until: number;
}

export interface ConversationState {
  /** Stored messages, ascending by seq, unique by id. */
  readonly messages: readonly Message[];
  /** Sent from this tab, not yet confirmed by the server. */
  readonly pending: readonly PendingMessage[];
  /** True when the server has older messages than the first one here. */
  readonly hasMore: boolean;
  /** The newest event id applied (history page or live event): where a resubscribe resumes. */
  readonly lastEventId: string | null;
  /** Set by `sync.reset`: the history must be reloaded. */
  readonly needsReload: boolean;
  readonly typing: readonly TypingPerson[];
  readonly online: readonly { userId: string; name: string }[];
  /** Group rooms: answers waiting their turn. */
  readonly queued: readonly { messageId: string; askedBy: string }[];
  readonly deleted: boolean;
  /** A tool's open requests for input from this user, by the answer that runs the call. */
  readonly elicitations: readonly { messageId: string; elicitation: ElicitationView }[];
}

export type ConversationAction =
  | { type: 'reset' }
  | {
      type: 'history.loaded';
      messages: readonly Message[];
      lastEventId: string | null;
      hasMore: boolean;
    }
  | { type: 'history.older'; messages: readonly Message[]; hasMore: boolean }
  | { type: 'event'; event: ConversationEvent; id?: string; now?: number }
  | { type: 'send.pending'; pending: PendingMessage }
  | { type: 'send.confirmed'; clientMessageId: string; message: Message }
  | { type: 'send.failed'; clientMessageId: string; reason: string }
  | { type: 'pending.dismissed'; clientMessageId: string }
  | { type: 'typing.expired'; now: number };

export const initialConversationState: ConversationState = {
  messages: [],
  pending: [],
  hasMore: false,
  lastEventId: null,
  needsReload: false,
  typing: [],
  online: [],
  queued: [],
  deleted: false,
  elicitations: [],
};

function bySeq(a: Message, b: Message): number {
  return a.seq - b.seq;
}

/** Inserts or replaces messages by id, keeping the newest `updatedAt`, sorted by seq. */
export function mergeMessages(
  current: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  const byId = new Map<string, Message>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) {
    const existing = byId.get(m.id);
    if (!existing || !isStale(m, existing)) byId.set(m.id, m);
  }
  return [...byId.values()].sort(bySeq);
}

/** A finished message never goes back to streaming because an older copy arrived late. */
function isStale(incoming: Message, existing: Message): boolean {
  if (existing.status !== 'streaming' && incoming.status === 'streaming') return true;
  return incoming.updatedAt < existing.updatedAt;
}

function withoutPending(
  pending: readonly PendingMessage[],
  messages: readonly Message[],
): readonly PendingMessage[] {
  if (pending.length === 0) return pending;
  const confirmed = new Set(
    messages.map((m) => m.clientMessageId).filter((id): id is string => !!id),
  );
  const left = pending.filter((p) => !confirmed.has(p.clientMessageId));
  return left.length === pending.length ? pending : left;
}

function updateMessage(
  state: ConversationState,
  id: string,
  change: (m: Message) => Message,
): ConversationState {
  const index = state.messages.findIndex((m) => m.id === id);
  if (index < 0) return state;
  const messages = state.messages.slice();
  messages[index] = change(messages[index]!);
  return { ...state, messages };
}

function upsertToolCall(calls: readonly ToolCallRecord[], call: ToolCallRecord): ToolCallRecord[] {
  const index = calls.findIndex((c) => c.id === call.id);
  if (index < 0) return [...calls, call];
  const next = calls.slice();
  next[index] = call;
  return next;
}

function putMessage(state: ConversationState, message: Message): ConversationState {
  const messages = mergeMessages(state.messages, [message]);
  return { ...state, messages, pending: withoutPending(state.pending, messages) };
}

function applyEvent(
  state: ConversationState,
  event: ConversationEvent,
  now: number,
): ConversationState {
  switch (event.type) {
    case 'message.created': {
      // Their message arrived: they are no longer typing it.
      const author = event.message.author;
      const next = putMessage(state, event.message);
      if (author.kind !== 'user' || !next.typing.some((t) => t.userId === author.userId))
        return next;
      return { ...next, typing: next.typing.filter((t) => t.userId !== author.userId) };
    }
    case 'answer.started':
    case 'answer.completed':
    case 'message.updated':
      return putMessage(state, event.message);
    case 'message.deleted':
      return state.messages.some((m) => m.id === event.messageId)
        ? { ...state, messages: state.messages.filter((m) => m.id !== event.messageId) }
        : state;
    case 'answer.failed':
      return putMessage(state, {
        ...event.message,
        status: 'failed',
        error: event.message.error ?? event.reason,
      });
    case 'answer.delta':
      return updateMessage(state, event.messageId, (m) =>
        m.status === 'streaming' ? { ...m, content: m.content + event.text } : m,
      );
    case 'tool.started':
    case 'tool.finished':
    case 'tool.awaiting_approval':
      return updateMessage(state, event.messageId, (m) => ({
        ...m,
        toolCalls: upsertToolCall(m.toolCalls, event.call),
      }));
    case 'typing': {
      const until = Date.parse(event.expiresAt);
      const others = state.typing.filter((t) => t.userId !== event.userId);
      return {
        ...state,
        typing:
          until > now ? [...others, { userId: event.userId, name: event.name, until }] : others,
      };
    }
    case 'presence':
      return { ...state, online: event.online };
    case 'tool.elicitation':
      return state.elicitations.some((e) => e.elicitation.id === event.elicitation.id)
        ? state
        : {
            ...state,
            elicitations: [
              ...state.elicitations,
              { messageId: event.messageId, elicitation: event.elicitation },
            ],
          };
    case 'tool.elicitation_closed':
      return state.elicitations.some((e) => e.elicitation.id === event.elicitationId)
        ? {
            ...state,
            elicitations: state.elicitations.filter(
              (e) => e.elicitation.id !== event.elicitationId,
            ),
          }
        : state;
    case 'answer.queued':
      return { ...state, queued: event.queue };
    case 'sync.reset':
      return { ...state, needsReload: true };
    case 'group.deleted':
      return { ...state, deleted: true };
    default:
      // session.updated, group.updated, member.*: the lists they change live in the query cache.
      return state;
  }
}

export function conversationReducer(
  state: ConversationState,
  action: ConversationAction,
): ConversationState {
  switch (action.type) {
    case 'reset':
      return initialConversationState;
    case 'history.loaded': {
      // A fresh page replaces what we had but keeps live messages newer than the page.
      const lastSeq = action.messages.at(-1)?.seq ?? 0;
      const newer = state.needsReload ? [] : state.messages.filter((m) => m.seq > lastSeq);
      const messages = mergeMessages(action.messages, newer);
      return {
        ...state,
        messages,
        pending: withoutPending(state.pending, messages),
        hasMore: action.hasMore,
        lastEventId: action.lastEventId,
        needsReload: false,
      };
    }
    case 'history.older':
      return {
        ...state,
        messages: mergeMessages(state.messages, action.messages),
        hasMore: action.hasMore,
      };
    case 'event': {
      const next = applyEvent(state, action.event, action.now ?? Date.now());
      return action.id && action.id !== next.lastEventId
        ? { ...next, lastEventId: action.id }
        : next;
    }
    case 'send.pending':
      return { ...state, pending: [...state.pending, action.pending] };
    case 'send.confirmed':
      return putMessage(state, action.message);
    case 'send.failed':
      return {
        ...state,
        pending: state.pending.map((p) =>
          p.clientMessageId === action.clientMessageId ? { ...p, failed: action.reason } : p,
        ),
      };
    case 'pending.dismissed':
      return {
        ...state,
        pending: state.pending.filter((p) => p.clientMessageId !== action.clientMessageId),
      };
    case 'typing.expired': {
      const typing = state.typing.filter((t) => t.until > action.now);
      return typing.length === state.typing.length ? state : { ...state, typing };
    }
  }
}

/** The answer still being written, if any (drives the Stop button). */
export function streamingAnswer(state: ConversationState): Message | undefined {
  return state.messages.findLast((m) => m.author.kind === 'assistant' && m.status === 'streaming');
}
