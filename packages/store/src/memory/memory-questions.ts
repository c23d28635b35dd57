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

/** The memory store's insights tables. */
export interface MemoryQuestionTables {
  readonly questions: Map<string, unknown>;
  readonly clusters: Map<string, unknown>;
  /** `space\u0000key` → cluster ids. */
  readonly keys: Map<string, Set<string>>;
  /** `clusterId\u0000teamId\u0000askerId\u0000day` → count. */
  readonly counts: Map<string, ClusterDayCount>;
}

export function createMemoryQuestionTables(): MemoryQuestionTables {
  return { questions: new Map(), clusters: new Map(), keys: new Map(), counts: new Map() };
}

export function createMemoryQuestions(tables: MemoryQuestionTables): QuestionLog {
  const read = (raw: unknown, id: string) =>
    decodeStored(questionRecordSchema, raw, 'question', id) as QuestionRecord;
  const bump = (q: QuestionRecord, by: 1 | -1) => {
    for (const teamId of q.teamIds) {
      const day = utcDay(q.askedAt);
      const key = [q.clusterId, teamId, q.askerId, day].join('\u0000');
      const count = (tables.counts.get(key)?.count ?? 0) + by;
      if (count <= 0) tables.counts.delete(key);
      else
        tables.counts.set(key, { clusterId: q.clusterId, teamId, askerId: q.askerId, day, count });
    }
  };
  return {
    async add(record) {
      const q = validateIncoming(questionRecordSchema, record, 'question');
      if (tables.questions.has(q.id)) return;
      tables.questions.set(q.id, structuredClone(q));
      if (!q.private) bump(q, 1);
    },
    async clusterCandidates(space, keys) {
      const ids = new Set<string>();
      for (const key of keys)
        for (const id of tables.keys.get(`${space}\u0000${key}`) ?? []) ids.add(id);
      return this.getClusters([...ids]);
    },
    async saveCluster(cluster, keys) {
      const valid = validateIncoming(storedClusterSchema, cluster, 'cluster');
      tables.clusters.set(valid.id, structuredClone(valid));
      for (const key of keys) {
        const indexKey = `${valid.space}\u0000${key}`;
        let set = tables.keys.get(indexKey);
        if (!set) tables.keys.set(indexKey, (set = new Set()));
        set.add(valid.id);
      }
    },
    async getClusters(ids) {
      const out: StoredCluster[] = [];
      for (const id of new Set(ids)) {
        const raw = tables.clusters.get(id);
        if (raw !== undefined) out.push(decodeStored(storedClusterSchema, raw, 'cluster', id));
      }
      return out;
    },
    async setPrivate(conversationId, isPrivate) {
      let changed = 0;
      for (const [id, raw] of tables.questions) {
        const q = read(raw, id);
        if (q.conversationId !== conversationId || q.private === isPrivate) continue;
        tables.questions.set(id, structuredClone({ ...q, private: isPrivate }));
        bump(q, isPrivate ? -1 : 1);
        changed++;
      }
      return changed;
    },
    async dayCounts({ teamIds, sinceDay }) {
      const teams = new Set(teamIds);
      return [...tables.counts.values()]
        .filter((c) => teams.has(c.teamId) && c.day >= sinceDay)
        .map((c) => ({ ...c }));
    },
    async sample({ clusterId, teamIds, since, limit }) {
      const teams = new Set(teamIds);
      const sinceMs = Date.parse(since);
      return [...tables.questions.entries()]
        .map(([id, raw]) => read(raw, id))
        .filter(
          (q) =>
            q.clusterId === clusterId &&
            !q.private &&
            Date.parse(q.askedAt) >= sinceMs &&
            q.teamIds.some((t) => teams.has(t)),
        )
        .sort((a, b) => Date.parse(b.askedAt) - Date.parse(a.askedAt))
        .slice(0, Math.max(0, limit));
    },
  };
}
