import type { ConversationEvent, FeedbackRating, Message, MyFeedback } from '@salescoach/domain';
import { unwrapEvent, type StreamItem } from '@salescoach/client/events';
import type { RouterOutputs } from '@salescoach/api';
import type { ApiClient } from '../api/api-client.js';

/** A page of a conversation's history, as `chat.messages.list` (and every kind's list) returns it. */
export type MessagePage = RouterOutputs['chat']['messages']['list'];

export interface StreamHandlers {
  readonly onEvent: (event: ConversationEvent, id: string | undefined) => void;
  readonly onStarted: () => void;
  readonly onError: (error: unknown) => void;
}

/** One conversation (a 1-on-1 session or a group room) as the screens use it. */
export interface ConversationSource {
  readonly kind: Message['conversationKind'];
  readonly id: string;
  list(input: { before?: number; limit: number }): Promise<MessagePage>;
  follow(lastEventId: string | null, handlers: StreamHandlers): () => void;
  /** `parentId`: the message it follows when an earlier version is shown (1-on-1 chat). */
  send(content: string, clientMessageId: string, parentId?: string): Promise<Message>;
  stop(): Promise<unknown>;
  /** Edits one's own message: a new version in chat, in place in a room. */
  edit?(messageId: string, content: string, clientMessageId: string): Promise<unknown>;
  /** Asks for another answer to an answer's question (1-on-1 chat). */
  regenerate?(messageId: string): Promise<unknown>;
  /** Deletes one's own message (rooms). */
  remove?(messageId: string): Promise<unknown>;
  /** The signed-in user's own "Good answer" / "Bad answer" verdicts in this conversation. */
  myFeedback(): Promise<MyFeedback[]>;
  /** Rates a coach answer; `null` takes the verdict back. */
  rate(messageId: string, rating: FeedbackRating | null, reason?: string): Promise<unknown>;
}

/** The subscription callbacks of both kinds of conversation, unwrapping each item once. */
function streamHandlers(handlers: Parameters<ConversationSource['follow']>[1]) {
  return {
    onStarted: handlers.onStarted,
    onData(item: StreamItem) {
      const { event, id } = unwrapEvent(item);
      handlers.onEvent(event, id);
    },
    onError: handlers.onError,
  };
}

export function sessionSource(api: ApiClient, sessionId: string): ConversationSource {
  return {
    kind: 'session',
    id: sessionId,
    list: (input) => api.chat.messages.list.query({ sessionId, ...input }),
    follow(lastEventId, handlers) {
      const sub = api.chat.events.subscribe({ sessionId, lastEventId }, streamHandlers(handlers));
      return () => sub.unsubscribe();
    },
    send: async (content, clientMessageId, parentId) =>
      (
        await api.chat.send.mutate({
          sessionId,
          content,
          clientMessageId,
          ...(parentId ? { parentId } : {}),
        })
      ).message,
    stop: () => api.chat.stop.mutate({ sessionId }),
    edit: (messageId, content, clientMessageId) =>
      api.chat.edit.mutate({ sessionId, messageId, content, clientMessageId }),
    regenerate: (messageId) => api.chat.regenerate.mutate({ sessionId, messageId }),
    ...feedbackOf(api, { kind: 'session', sessionId }),
  };
}

export function groupSource(api: ApiClient, groupId: string): ConversationSource {
  return {
    kind: 'group',
    id: groupId,
    list: (input) => api.groups.messages.list.query({ groupId, ...input }),
    follow(lastEventId, handlers) {
      const sub = api.groups.events.subscribe({ groupId, lastEventId }, streamHandlers(handlers));
      return () => sub.unsubscribe();
    },
    send: async (content, clientMessageId) =>
      (await api.groups.send.mutate({ groupId, content, clientMessageId })).message,
    stop: () => api.groups.stop.mutate({ groupId }),
    edit: (messageId, content) => api.groups.messages.edit.mutate({ groupId, messageId, content }),
    remove: (messageId) => api.groups.messages.delete.mutate({ groupId, messageId }),
    ...feedbackOf(api, { kind: 'group', groupId }),
  };
}

type FeedbackConversation =
  { kind: 'session'; sessionId: string } | { kind: 'group'; groupId: string };

function feedbackOf(
  api: ApiClient,
  conversation: FeedbackConversation,
): Pick<ConversationSource, 'myFeedback' | 'rate'> {
  return {
    myFeedback: () => api.feedback.mine.query({ conversation }),
    rate: (messageId, rating, reason) =>
      api.feedback.set.mutate({ conversation, messageId, rating, ...(reason ? { reason } : {}) }),
  };
}

/** A roleplay call: no stop (ending the call ends any reply), no answer ratings. */
function practiceCall(
  id: string,
  calls: Pick<ConversationSource, 'list' | 'follow' | 'send'>,
): ConversationSource {
  return {
    kind: 'session',
    id,
    ...calls,
    // The rep does not interrupt the buyer; "End and score" ends the call (and any reply).
    stop: () => Promise.resolve(undefined),
    // The buyer's lines are a roleplay, not answers: the scorecard is the feedback.
    myFeedback: () => Promise.resolve([]),
    rate: () =>
      Promise.reject(new Error('Practice replies are not rated; end the call for a scorecard')),
  };
}

/** A practice call: its session's messages and events through `practice.*`. */
export function practiceSource(api: ApiClient, practiceId: string): ConversationSource {
  return practiceCall(practiceId, {
    list: (input) => api.practice.messages.query({ practiceId, ...input }),
    follow(lastEventId, handlers) {
      const sub = api.practice.events.subscribe(
        { practiceId, lastEventId },
        streamHandlers(handlers),
      );
      return () => sub.unsubscribe();
    },
    send: async (content, clientMessageId) =>
      (await api.practice.send.mutate({ practiceId, content, clientMessageId })).message,
  });
}

/** A practice played in a room, as one member follows it (only the rep can send). */
export function roomPracticeSource(
  api: ApiClient,
  groupId: string,
  practiceId: string,
): ConversationSource {
  const ref = { groupId, practiceId };
  return practiceCall(practiceId, {
    list: (input) => api.practice.room.messages.query({ ...ref, ...input }),
    follow(lastEventId, handlers) {
      const sub = api.practice.room.events.subscribe(
        { ...ref, lastEventId },
        streamHandlers(handlers),
      );
      return () => sub.unsubscribe();
    },
    send: async (content, clientMessageId) =>
      (await api.practice.room.send.mutate({ ...ref, content, clientMessageId })).message,
  });
}
