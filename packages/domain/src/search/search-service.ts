import { invalid } from '../errors/domain-error.js';
import type { Group } from '../model/group.js';
import type { Author } from '../model/message.js';
import type { Session } from '../model/session.js';
import type { User } from '../model/user.js';
import type { MessageSearch } from '../ports/message-search.port.js';
import { searchTerms, snippetParts, type SnippetPart } from './search-terms.js';

export const SEARCH_PAGE_MAX = 50;
/** Results past this many are not paged to (refine the query instead). */
export const SEARCH_DEPTH_MAX = 500;

export interface SearchResult {
  readonly conversation: {
    readonly kind: 'session' | 'group';
    readonly id: string;
    readonly title: string;
  };
  readonly messageId: string;
  readonly seq: number;
  readonly author: Author;
  readonly createdAt: string;
  readonly snippet: SnippetPart[];
}

export interface SearchPage {
  readonly results: SearchResult[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
  readonly terms: string[];
}

export interface SearchServiceDeps {
  readonly search: MessageSearch;
  /** Only the user's own chat sessions and rooms; NOT_FOUND for anything else. */
  readonly sessions: { getSession(user: User, sessionId: string): Promise<Session> };
  readonly groups?: { list(user: User): Promise<Group[]> };
}

/**
 * Searches what the user may read, and nothing else: the scope is built from their identity
 * (their sessions' partition and the rooms they are a member of now), never from the input.
 */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  async search(
    user: User,
    input: { query: string; cursor?: string; limit?: number },
  ): Promise<SearchPage> {
    const terms = searchTerms(input.query);
    if (terms.length === 0) throw invalid('Type at least one word of two letters or more');
    const offset = input.cursor === undefined ? 0 : Number.parseInt(input.cursor, 10);
    if (!Number.isInteger(offset) || offset < 0 || offset > SEARCH_DEPTH_MAX)
      throw invalid('That page of results is no longer available; search again');
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), SEARCH_PAGE_MAX);
    const rooms = (await this.deps.groups?.list(user)) ?? [];
    const { hits, more } = await this.deps.search.search(
      { userId: user.id, groupIds: rooms.map((g) => g.id) },
      terms,
      { offset, limit },
    );
    const titles = new Map<string, string>(rooms.map((g) => [`group:${g.id}`, g.name]));
    const results: SearchResult[] = [];
    for (const { ref, message } of hits) {
      const key = ref.kind === 'session' ? `session:${ref.sessionId}` : `group:${ref.groupId}`;
      if (!titles.has(key) && ref.kind === 'session') {
        // The store scoped the hit to the user's partition; reading it again proves it.
        const session = await this.deps.sessions.getSession(user, ref.sessionId).catch(() => null);
        if (!session) continue;
        titles.set(key, session.title);
      }
      const title = titles.get(key);
      if (title === undefined) continue;
      results.push({
        conversation: {
          kind: ref.kind,
          id: ref.kind === 'session' ? ref.sessionId : ref.groupId,
          title,
        },
        messageId: message.id,
        seq: message.seq,
        author: message.author,
        createdAt: message.createdAt,
        snippet: snippetParts(message.content, terms),
      });
    }
    const next = offset + limit;
    return { results, nextCursor: more && next <= SEARCH_DEPTH_MAX ? String(next) : null, terms };
  }
}
