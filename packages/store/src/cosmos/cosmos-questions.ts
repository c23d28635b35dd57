import type {
  ClusterDayCount,
  QuestionLog,
  QuestionRecord,
  StoredCluster,
} from '@salescoach/domain';
import {
  questionRecordSchema,
  storedClusterSchema,
  utcDay,
} from '../validation/question-record-schema.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { backoff, MAX_ATTEMPTS, type CosmosContext } from './cosmos-context.js';
import { withoutSystemFields } from './cosmos-operations.js';

/**
 * The `questions` container (partition key `/day`) holds four kinds of document:
 * - `question`: one per question, partition = the UTC day asked;
 * - `cluster`: one per cluster, in its own partition (`cluster|<id>`);
 * - `cluster-key`: the clusters indexed under one term (or `*`), partition = its id;
 * - `count`: one asker's questions of one cluster for one team on one day, partition = that day.
 * Recording and clustering use point reads and writes; only insights reads query.
 */
interface QuestionDoc extends QuestionRecord {
  type: 'question';
  day: string;
  askedMs: number;
}
interface ClusterDoc extends StoredCluster {
  type: 'cluster';
  day: string;
  clusterId: string;
}
interface KeyDoc {
  id: string;
  type: 'cluster-key';
  day: string;
  clusterIds: string[];
}
interface CountDoc extends ClusterDayCount {
  id: string;
  type: 'count';
}

const clusterDocId = (id: string) => `cluster|${id}`;
const keyDocId = (space: string, key: string) => `key|${space}|${encodeURIComponent(key)}`;
const countDocId = (c: Omit<ClusterDayCount, 'count' | 'day'>) =>
  `count|${c.clusterId}|${c.teamId}|${encodeURIComponent(c.askerId)}`;

function questionOf(d: QuestionDoc): QuestionRecord {
  const { type: _type, day: _day, askedMs: _ms, ...rest } = withoutSystemFields(d);
  return decodeStored(questionRecordSchema, rest, 'question', String(d.id));
}

export function createCosmosQuestions(ctx: CosmosContext): QuestionLog {
  const c = ctx.questions;

  /** Read, change, write-if-unchanged (or create when absent), retrying lost races. */
  async function update<D extends { id: string; day: string }>(
    operation: string,
    id: string,
    day: string,
    change: (current: D | undefined) => D | undefined,
  ): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const found = await ctx.ops.read<D>(operation, c, id, day);
      const next = change(found?.doc);
      if (next === undefined) return;
      const written = found
        ? await ctx.ops.replace(operation, c, next, day, found.etag)
        : await ctx.ops.create(operation, c, next);
      if (written) return;
      await backoff(attempt);
    }
    throw new Error(`${operation}: too many concurrent updates`);
  }

  const bump = (q: QuestionRecord, by: 1 | -1) =>
    Promise.all(
      q.teamIds.map((teamId) => {
        const day = utcDay(q.askedAt);
        const key = { clusterId: q.clusterId, teamId, askerId: q.askerId };
        return update<CountDoc>('question.count', countDocId(key), day, (doc) => ({
          ...(doc ? withoutSystemFields(doc) : { ...key, day, type: 'count' as const }),
          id: countDocId(key),
          count: (doc?.count ?? 0) + by,
        }));
      }),
    );

  return {
    async add(record) {
      const q = validateIncoming(questionRecordSchema, record, 'question');
      const askedMs = Date.parse(q.askedAt);
      const doc: QuestionDoc = { ...q, type: 'question', day: utcDay(q.askedAt), askedMs };
      if (!(await ctx.ops.create('question.add', c, doc))) return;
      if (!q.private) await bump(q, 1);
    },
    async clusterCandidates(space, keys) {
      const found = await Promise.all(
        [...new Set(keys)].map((key) => {
          const id = keyDocId(space, key);
          return ctx.ops.read<KeyDoc>('question.candidates', c, id, id);
        }),
      );
      return this.getClusters(found.flatMap((f) => f?.doc.clusterIds ?? []));
    },
    async saveCluster(cluster, keys) {
      const valid = validateIncoming(storedClusterSchema, cluster, 'cluster');
      const id = clusterDocId(valid.id);
      const doc: ClusterDoc = { ...valid, id, clusterId: valid.id, type: 'cluster', day: id };
      await ctx.ops.upsert('question.cluster', c, doc);
      await Promise.all(
        [...new Set(keys)].map((key) => {
          const keyId = keyDocId(valid.space, key);
          return update<KeyDoc>('question.clusterKey', keyId, keyId, (current) => {
            if (current?.clusterIds.includes(valid.id)) return undefined;
            return {
              id: keyId,
              type: 'cluster-key',
              day: keyId,
              clusterIds: [...(current?.clusterIds ?? []), valid.id],
            };
          });
        }),
      );
    },
    async getClusters(ids) {
      const found = await Promise.all(
        [...new Set(ids)].map((id) =>
          ctx.ops.read<ClusterDoc>('question.cluster', c, clusterDocId(id), clusterDocId(id)),
        ),
      );
      return found.flatMap((f) => {
        if (!f) return [];
        const { id: _id, clusterId, type: _type, day: _day, ...rest } = withoutSystemFields(f.doc);
        return [
          decodeStored(storedClusterSchema, { ...rest, id: clusterId }, 'cluster', clusterId),
        ];
      });
    },
    async setPrivate(conversationId, isPrivate) {
      const docs = await ctx.ops.query<QuestionDoc>('question.setPrivate', c, {
        query: `SELECT * FROM c WHERE c.type = 'question' AND c.conversationId = @c AND c.private = @p`,
        parameters: [
          { name: '@c', value: conversationId },
          { name: '@p', value: !isPrivate },
        ],
      });
      for (const doc of docs) {
        await ctx.ops.upsert('question.setPrivate', c, {
          ...withoutSystemFields(doc),
          private: isPrivate,
        });
        await bump(questionOf(doc), isPrivate ? -1 : 1);
      }
      return docs.length;
    },
    async dayCounts({ teamIds, sinceDay }) {
      if (teamIds.length === 0) return [];
      const docs = await ctx.ops.query<CountDoc>('question.dayCounts', c, {
        query: `SELECT * FROM c WHERE c.type = 'count' AND c.day >= @since AND c.count > 0 AND ARRAY_CONTAINS(@teams, c.teamId)`,
        parameters: [
          { name: '@since', value: sinceDay },
          { name: '@teams', value: [...teamIds] },
        ],
      });
      return docs.map(({ clusterId, teamId, askerId, day, count }) => ({
        clusterId,
        teamId,
        askerId,
        day,
        count,
      }));
    },
    async sample({ clusterId, teamIds, since, limit }) {
      const top = Math.max(0, Math.floor(limit));
      if (top === 0 || teamIds.length === 0) return [];
      const perTeam = await Promise.all(
        [...new Set(teamIds)].map((teamId) =>
          ctx.ops.query<QuestionDoc>('question.sample', c, {
            query: `SELECT TOP ${top} * FROM c WHERE c.type = 'question' AND c.clusterId = @cluster AND c.private = false AND c.askedMs >= @since AND ARRAY_CONTAINS(c.teamIds, @team) ORDER BY c.askedMs DESC`,
            parameters: [
              { name: '@cluster', value: clusterId },
              { name: '@since', value: Date.parse(since) },
              { name: '@team', value: teamId },
            ],
          }),
        ),
      );
      const unique = new Map(perTeam.flat().map((d) => [String(d.id), d]));
      return [...unique.values()]
        .sort((a, b) => b.askedMs - a.askedMs)
        .slice(0, top)
        .map(questionOf);
    },
  };
}
