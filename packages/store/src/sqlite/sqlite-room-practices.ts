import {
  DomainError,
  DomainErrorCode,
  roomPracticeSchema,
  whisperSchema,
  type RoomPracticeRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStoredJson, validateIncoming } from '../validation/stored-document.js';

interface DocRow {
  key: string;
  doc: string;
}

const bounded = (limit: number) => Math.max(0, Math.floor(limit));

/** Room practices and whispers; deleting a room deletes both (sqlite-groups). */
export function createSqliteRoomPractices(db: DatabaseSync): RoomPracticeRepository {
  const insertEntry = db.prepare(
    `INSERT INTO room_practices (group_id, practice_id, created_ms, doc) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const selectEntry = db.prepare(
    'SELECT practice_id AS key, doc FROM room_practices WHERE group_id = ? AND practice_id = ?',
  );
  const selectByGroup = db.prepare(
    `SELECT practice_id AS key, doc FROM room_practices WHERE group_id = ?
     ORDER BY created_ms DESC, practice_id LIMIT ?`,
  );
  const insertWhisper = db.prepare(
    `INSERT INTO whispers (id, group_id, practice_id, from_id, to_id, created_ms, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  // The viewer filter is in the query: a whisper between two others is never read.
  const selectWhispers = db.prepare(
    `SELECT id AS key, doc FROM whispers
     WHERE group_id = ? AND practice_id = ? AND (from_id = ? OR to_id = ?)
     ORDER BY created_ms, id LIMIT ?`,
  );
  const entry = (row: DocRow) =>
    decodeStoredJson(roomPracticeSchema, row.doc, 'room practice', row.key);
  return {
    async add(input) {
      const e = validateIncoming(roomPracticeSchema, input, 'room practice');
      const result = insertEntry.run(
        e.groupId,
        e.practiceId,
        Date.parse(e.createdAt),
        JSON.stringify(e),
      );
      if (result.changes === 0)
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already in this room');
      return e;
    },
    async get(groupId, practiceId) {
      const row = selectEntry.get(groupId, practiceId) as DocRow | undefined;
      return row ? entry(row) : null;
    },
    async listByGroup(groupId, { limit }) {
      return (selectByGroup.all(groupId, bounded(limit)) as unknown as DocRow[]).map(entry);
    },
    async addWhisper(input) {
      const w = validateIncoming(whisperSchema, input, 'whisper');
      const result = insertWhisper.run(
        w.id,
        w.groupId,
        w.practiceId,
        w.from.userId,
        w.to.userId,
        Date.parse(w.createdAt),
        JSON.stringify(w),
      );
      if (result.changes === 0)
        throw new DomainError(DomainErrorCode.Conflict, 'Whisper already exists');
      return w;
    },
    async listWhispers(groupId, practiceId, viewerId, { limit }) {
      const rows = selectWhispers.all(
        groupId,
        practiceId,
        viewerId,
        viewerId,
        bounded(limit),
      ) as unknown as DocRow[];
      return rows.map((row) => decodeStoredJson(whisperSchema, row.doc, 'whisper', row.key));
    },
  };
}
