import type { Container } from '@azure/cosmos';
import type { MessageSearch, StoredHit } from '@salescoach/domain';
import { recentHitsPage } from '../search/recent-hits-page.js';
import type { CosmosContext } from './cosmos-context.js';
import { fromMessageDoc, refOfMessageDoc, type MessageDoc } from './cosmos-documents.js';

/** Candidates read per conversation partition (a search deeper than this refines instead). */
const PER_PARTITION = 1_000;

/**
 * One single-partition query per place the user may read: their own partition of
 * `sessions`, and each of their rooms' partitions of `groups`; never a cross-partition
 * query. `CONTAINS` finds candidates; word starts are then checked as in the other stores.
 * Practice sessions share the user's partition: the chat sessions' ids are read first.
 */
export function createCosmosSearch(ctx: CosmosContext): MessageSearch {
  const candidates = async (
    container: Container,
    field: 'userId' | 'groupId',
    partition: string,
    terms: readonly string[],
  ): Promise<MessageDoc[]> =>
    ctx.ops.query<MessageDoc>(
      'message.search',
      container,
      {
        query: `SELECT TOP ${PER_PARTITION} * FROM c WHERE c.${field} = @pk AND c.type = 'message' AND ${terms
          .map((_, i) => `CONTAINS(LOWER(c.message.content), @t${i})`)
          .join(' AND ')}`,
        parameters: [
          { name: '@pk', value: partition },
          ...terms.map((value, i) => ({ name: `@t${i}`, value })),
        ],
      },
      partition,
    );

  return {
    async search(scope, terms, page) {
      if (terms.length === 0) return { hits: [], more: false };
      const chatSessions = new Set(
        (
          await ctx.ops.query<{ sessionId: string }>(
            'message.search',
            ctx.sessions,
            {
              query: `SELECT c.sessionId FROM c WHERE c.userId = @pk AND c.type = 'session' AND (NOT IS_DEFINED(c.kind) OR c.kind = 'chat')`,
              parameters: [{ name: '@pk', value: scope.userId }],
            },
            scope.userId,
          )
        ).map((s) => s.sessionId),
      );
      const docs = [
        ...(await candidates(ctx.sessions, 'userId', scope.userId, terms)).filter(
          (d) => d.conversationKind === 'session' && chatSessions.has(d.conversationId),
        ),
        ...(
          await Promise.all(
            scope.groupIds.map((groupId) => candidates(ctx.groups, 'groupId', groupId, terms)),
          )
        ).flat(),
      ];
      const hits: StoredHit[] = docs.map((d) => ({
        ref: refOfMessageDoc(d),
        message: fromMessageDoc(d),
      }));
      return recentHitsPage(hits, terms, page);
    },
  };
}
