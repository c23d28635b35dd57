import {
  MAX_PAGE_SIZE,
  type ConversationRef,
  type Message,
  type MessageRepository,
} from '@salescoach/domain';
import { conversationKey } from '../paging/conversation-key.js';
import { selectPage, toPageRequest } from '../paging/page-request.js';
import { LruMap } from './lru-map.js';

export interface MessageCacheOptions {
  /** Conversations kept (least recently used dropped first). */
  readonly maxConversations: number;
  /** Newest messages kept per conversation (default and maximum MAX_PAGE_SIZE). */
  readonly maxMessagesPerConversation?: number;
  /**
   * How long a cached window is trusted (default 30 s). Writes through this wrapper keep
   * it exact; the age bound limits staleness from writes made by other processes.
   */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export interface CachedMessageRepository extends MessageRepository {
  /** Drops a conversation's window (call after deleting the conversation). */
  invalidate(ref: ConversationRef): void;
  readonly stats: { hits: number; misses: number };
}

interface Window {
  /** The conversation's newest messages, ascending and contiguous. */
  messages: Message[];
  /** True when `messages` starts at the conversation's first message. */
  fromStart: boolean;
  loadedAt: number;
}

/**
 * A bounded LRU of each conversation's most recent messages in front of a repository. It
 * serves `list` calls without `beforeSeq` (the latest page, and `afterSeq` catch-up inside
 * the window); everything else goes to the repository. Appends and updates made through it
 * update the window; anything unexpected drops it.
 */
export function withMessageCache(
  repo: MessageRepository,
  options: MessageCacheOptions,
): CachedMessageRepository {
  const perConversation = Math.min(
    options.maxMessagesPerConversation ?? MAX_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const now = options.now ?? Date.now;
  const windows = new LruMap<string, Window>(options.maxConversations);
  const stats = { hits: 0, misses: 0 };
  /** Counts writes, so a load that raced with a write is not kept. */
  let writes = 0;

  const fresh = (key: string): Window | undefined => {
    const window = windows.get(key);
    if (window && now() - window.loadedAt > maxAgeMs) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };

  const load = async (ref: ConversationRef): Promise<Window> => {
    const writesBefore = writes;
    const messages = await repo.list(ref, { limit: perConversation });
    const window = {
      messages,
      fromStart: messages.length < perConversation || messages[0]?.seq === 1,
      loadedAt: now(),
    };
    if (writes === writesBefore) windows.set(conversationKey(ref), window);
    return window;
  };

  const covers = (window: Window, afterSeq: number | undefined, limit: number): boolean => {
    const first = window.messages[0];
    if (afterSeq === undefined) return window.fromStart || window.messages.length >= limit;
    return window.fromStart || (first !== undefined && first.seq <= afterSeq + 1);
  };

  return {
    stats,
    invalidate(ref) {
      windows.delete(conversationKey(ref));
    },
    async append(ref, message) {
      const key = conversationKey(ref);
      writes += 1;
      let result;
      try {
        result = await repo.append(ref, message);
      } catch (error) {
        windows.delete(key);
        throw error;
      }
      const window = windows.peek(key);
      if (window && result.created) {
        const last = window.messages.at(-1);
        if (
          (last === undefined && window.fromStart && result.message.seq === 1) ||
          (last && result.message.seq === last.seq + 1)
        ) {
          window.messages.push(structuredClone(result.message));
          if (window.messages.length > perConversation) {
            window.messages.splice(0, window.messages.length - perConversation);
            window.fromStart = false;
          }
        } else {
          windows.delete(key); // another writer got in between: reload on next read
        }
      }
      return result;
    },
    get: (ref, messageId) => repo.get(ref, messageId),
    async findByClientId(ref, clientMessageId, authorId) {
      // A retry normally comes within seconds: look in the window first (one copy, of the
      // match only); a window that holds the whole conversation also answers "none".
      const window = fresh(conversationKey(ref));
      const match = window?.messages.findLast(
        (m) =>
          m.clientMessageId === clientMessageId &&
          m.author.kind === 'user' &&
          m.author.userId === authorId,
      );
      if (match) return structuredClone(match);
      if (window?.fromStart) return null;
      return repo.findByClientId(ref, clientMessageId, authorId);
    },
    async list(ref, listOptions) {
      const page = toPageRequest(listOptions);
      if (page.beforeSeq !== undefined) return repo.list(ref, listOptions);
      const key = conversationKey(ref);
      let window = fresh(key);
      if (window && covers(window, page.afterSeq, page.limit)) {
        stats.hits += 1;
      } else {
        stats.misses += 1;
        window = await load(ref);
        if (!covers(window, page.afterSeq, page.limit)) return repo.list(ref, listOptions);
      }
      return structuredClone(selectPage(window.messages, page));
    },
    async update(ref, messageId, patch) {
      const key = conversationKey(ref);
      writes += 1;
      let updated;
      try {
        updated = await repo.update(ref, messageId, patch);
      } catch (error) {
        windows.delete(key);
        throw error;
      }
      const window = windows.peek(key);
      if (window && updated) {
        const at = window.messages.findIndex((m) => m.id === messageId);
        if (at >= 0) window.messages[at] = structuredClone(updated);
      }
      return updated;
    },
    listStreaming: () => repo.listStreaming(),
  };
}
