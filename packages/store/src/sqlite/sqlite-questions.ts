import type { ClusterDayCount, QuestionLog, QuestionRecord } from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import {
  questionRecordSchema,
  storedClusterSchema,
  utcDay,
} from '../validation/question-record-schema.js';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

interface DocRow {
  id: string;
  doc: string;
}

export function createSqliteQuestions(db: DatabaseSync): QuestionLog {
  const insert = db.prepare(
    `INSERT INTO questions (id, cluster_id, conversation_id, asked_ms, private, doc)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const insertTeam = db.prepare(
    'INSERT OR IGNORE INTO question_teams (team_id, cluster_id, asked_ms, question_id) VALUES (?, ?, ?, ?)',
  );
  const bump = db.prepare(
    `INSERT INTO cluster_day_counts (team_id, day, cluster_id, asker_id, count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (team_id, day, cluster_id, asker_id) DO UPDATE SET count = count + excluded.count`,
  );
  const dropEmpty = db.prepare('DELETE FROM cluster_day_counts WHERE count <= 0');
  const saveCluster = db.prepare(
    'INSERT INTO clusters (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  );
  const indexCluster = db.prepare(
    'INSERT OR IGNORE INTO cluster_keys (space_key, cluster_id) VALUES (?, ?)',
  );
  const candidates = db.prepare(
    `SELECT c.id, c.doc FROM clusters c WHERE c.id IN (
       SELECT k.cluster_id FROM cluster_keys k WHERE k.space_key IN (SELECT value FROM json_each(?)))`,
  );
  const byIds = db.prepare(
    'SELECT id, doc FROM clusters WHERE id IN (SELECT value FROM json_each(?))',
  );
  const ofConversation = db.prepare(
    'SELECT id, doc FROM questions WHERE conversation_id = ? AND private = ?',
  );
  const updatePrivate = db.prepare('UPDATE questions SET private = ?, doc = ? WHERE id = ?');
  const counts = db.prepare(
    `SELECT cluster_id AS clusterId, team_id AS teamId, asker_id AS askerId, day, count
     FROM cluster_day_counts WHERE team_id IN (SELECT value FROM json_each(?)) AND day >= ?`,
  );
  const sample = db.prepare(
    `SELECT DISTINCT q.id, q.doc, q.asked_ms FROM question_teams t JOIN questions q ON q.id = t.question_id
     WHERE t.cluster_id = ? AND t.team_id IN (SELECT value FROM json_each(?)) AND t.asked_ms >= ? AND q.private = 0
     ORDER BY q.asked_ms DESC, q.id LIMIT ?`,
  );

  const decode = (row: DocRow) =>
    decodeStoredJson(questionRecordSchema, row.doc, 'question', row.id);
  const bumpAll = (q: QuestionRecord, by: 1 | -1) => {
    for (const teamId of q.teamIds) bump.run(teamId, utcDay(q.askedAt), q.clusterId, q.askerId, by);
  };

  return {
    async add(record) {
      const q = validateIncoming(questionRecordSchema, record, 'question');
      const askedMs = Date.parse(q.askedAt);
      inWriteTransaction(db, () => {
        const inserted =
          insert.run(
            q.id,
            q.clusterId,
            q.conversationId,
            askedMs,
            q.private ? 1 : 0,
            JSON.stringify(q),
          ).changes > 0;
        if (!inserted) return;
        for (const teamId of q.teamIds) insertTeam.run(teamId, q.clusterId, askedMs, q.id);
        if (!q.private) bumpAll(q, 1);
      });
    },
    async clusterCandidates(space, keys) {
      const rows = candidates.all(
        JSON.stringify(keys.map((k) => `${space}\u0000${k}`)),
      ) as unknown as DocRow[];
      return rows.map((r) => decodeStoredJson(storedClusterSchema, r.doc, 'cluster', r.id));
    },
    async saveCluster(cluster, keys) {
      const valid = validateIncoming(storedClusterSchema, cluster, 'cluster');
      inWriteTransaction(db, () => {
        saveCluster.run(valid.id, JSON.stringify(valid));
        for (const key of keys) indexCluster.run(`${valid.space}\u0000${key}`, valid.id);
      });
    },
    async getClusters(ids) {
      if (ids.length === 0) return [];
      const rows = byIds.all(JSON.stringify([...new Set(ids)])) as unknown as DocRow[];
      return rows.map((r) => decodeStoredJson(storedClusterSchema, r.doc, 'cluster', r.id));
    },
    async setPrivate(conversationId, isPrivate) {
      return inWriteTransaction(db, () => {
        const rows = ofConversation.all(conversationId, isPrivate ? 0 : 1) as unknown as DocRow[];
        for (const row of rows) {
          const q = decode(row);
          updatePrivate.run(isPrivate ? 1 : 0, JSON.stringify({ ...q, private: isPrivate }), q.id);
          bumpAll(q, isPrivate ? -1 : 1);
        }
        if (rows.length > 0) dropEmpty.run();
        return rows.length;
      });
    },
    async dayCounts({ teamIds, sinceDay }) {
      if (teamIds.length === 0) return [];
      return counts.all(JSON.stringify(teamIds), sinceDay) as unknown as ClusterDayCount[];
    },
    async sample({ clusterId, teamIds, since, limit }) {
      if (teamIds.length === 0) return [];
      const rows = sample.all(
        clusterId,
        JSON.stringify(teamIds),
        Date.parse(since),
        Math.max(0, Math.floor(limit)),
      ) as unknown as DocRow[];
      return rows.map(decode);
    },
  };
}
