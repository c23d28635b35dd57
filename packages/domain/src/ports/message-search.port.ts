import type { ConversationRef, Message } from '../model/message.js';

/** Where one user may search: their own chat sessions and the rooms they belong to. */
export interface SearchScope {
  readonly userId: string;
  readonly groupIds: readonly string[];
}

export interface StoredHit {
  readonly ref: ConversationRef;
  readonly message: Message;
}

/**
 * Full-text search over stored messages. A hit is a message of one of the scope's chat
 * sessions (never a practice's) or rooms in which every term starts a word. SQLite ranks by
 * relevance (FTS5 bm25); other stores by recency.
 */
export interface MessageSearch {
  search(
    scope: SearchScope,
    terms: readonly string[],
    page: { readonly offset: number; readonly limit: number },
  ): Promise<{ hits: StoredHit[]; more: boolean }>;
}
