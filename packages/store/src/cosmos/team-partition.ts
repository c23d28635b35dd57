import type { CosmosContext } from './cosmos-context.js';
import { withoutSystemFields } from './cosmos-operations.js';

/** Documents of one `type` in each team's partition of the `questions` container, newest first per team (TOP `limit` each). */
export async function newestPerTeam<D extends { createdAt: string }>(
  ctx: CosmosContext,
  operation: string,
  type: string,
  partitions: readonly string[],
  limit: number,
): Promise<D[]> {
  const top = Math.max(0, Math.floor(limit));
  if (top === 0) return [];
  const perTeam = await Promise.all(
    [...new Set(partitions)].map((pk) =>
      ctx.ops.query<D>(
        operation,
        ctx.questions,
        {
          query: `SELECT TOP ${top} * FROM c WHERE c.day = @pk AND c.type = @type ORDER BY c.createdAt DESC`,
          parameters: [
            { name: '@pk', value: pk },
            { name: '@type', value: type },
          ],
        },
        pk,
      ),
    ),
  );
  return perTeam
    .flat()
    .map((d) => withoutSystemFields(d))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
