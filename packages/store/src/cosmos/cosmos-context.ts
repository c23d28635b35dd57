import type { Container } from '@azure/cosmos';
import { DomainError, DomainErrorCode } from '@salescoach/domain';
import type { CosmosOperations } from './cosmos-operations.js';

/** What the Cosmos repositories share. */
export interface CosmosContext {
  /** Partitioned by /userId: session docs, their message docs, membership docs. */
  readonly sessions: Container;
  /** Partitioned by /groupId: group docs and their message docs. */
  readonly groups: Container;
  /** Partitioned by /day: question fingerprints for insights. */
  readonly questions: Container;
  readonly ops: CosmosOperations;
}

const MAX_ATTEMPTS = 100;

/** Short random pause that grows with the attempt number (spreads contending writers apart). */
export const backoff = (attempt: number) =>
  new Promise<void>((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(50, 2 * 2 ** Math.min(attempt, 5))),
  );

/**
 * Read, change, replace-if-unchanged, retrying on a lost race. `change` returns the next
 * document, or undefined to leave it as it is. Null when the document does not exist.
 */
export async function replaceOptimistically<D extends { id: string }>(
  ctx: CosmosContext,
  operation: string,
  container: Container,
  id: string,
  partitionKey: string,
  change: (current: D) => D | undefined,
): Promise<{ before: D; after: D } | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const found = await ctx.ops.read<D>(operation, container, id, partitionKey);
    if (!found) return null;
    const next = change(found.doc);
    if (next === undefined) return { before: found.doc, after: found.doc };
    if (await ctx.ops.replace(operation, container, next, partitionKey, found.etag))
      return { before: found.doc, after: next };
    await backoff(attempt);
  }
  throw new DomainError(DomainErrorCode.Conflict, 'Too many concurrent updates; try again');
}

export { MAX_ATTEMPTS };

/** Deletes every message doc of a conversation, 100 per transactional batch. */
export async function deleteConversationMessages(
  ctx: CosmosContext,
  operation: string,
  container: Container,
  partitionKey: string,
  conversationId: string,
): Promise<number> {
  const partitionField = container === ctx.sessions ? 'userId' : 'groupId';
  const ids = await ctx.ops.query<{ id: string }>(
    operation,
    container,
    {
      query: `SELECT c.id FROM c WHERE c.${partitionField} = @pk AND c.type = 'message' AND c.conversationId = @c`,
      parameters: [
        { name: '@pk', value: partitionKey },
        { name: '@c', value: conversationId },
      ],
    },
    partitionKey,
  );
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids
      .slice(i, i + 100)
      .map(({ id }) => ({ operationType: 'Delete' as const, id, partitionKey }));
    await ctx.ops.batch(operation, container, partitionKey, chunk);
  }
  return ids.length;
}
