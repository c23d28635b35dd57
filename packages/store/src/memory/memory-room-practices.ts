import {
  DomainError,
  DomainErrorCode,
  roomPracticeSchema,
  whisperSchema,
  type RoomPractice,
  type RoomPracticeRepository,
  type Whisper,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

export interface MemoryRoomPracticeTables {
  /** By `groupId/practiceId`. */
  readonly entries: Map<string, unknown>;
  /** By whisper id. */
  readonly whispers: Map<string, unknown>;
}

export const createMemoryRoomPracticeTables = (): MemoryRoomPracticeTables => ({
  entries: new Map(),
  whispers: new Map(),
});

const entryKey = (groupId: string, practiceId: string) => `${groupId}/${practiceId}`;

/** Deletes a room's practices and whispers (with the room). */
export function deleteMemoryRoomPractices(tables: MemoryRoomPracticeTables, groupId: string) {
  for (const [key, raw] of tables.entries)
    if ((raw as RoomPractice).groupId === groupId) tables.entries.delete(key);
  for (const [id, raw] of tables.whispers)
    if ((raw as Whisper).groupId === groupId) tables.whispers.delete(id);
}

export function createMemoryRoomPractices(
  tables: MemoryRoomPracticeTables,
): RoomPracticeRepository {
  const readEntry = (key: string, raw: unknown) =>
    decodeStored(roomPracticeSchema, raw, 'room practice', key);
  return {
    async add(entry) {
      const valid = validateIncoming(roomPracticeSchema, entry, 'room practice');
      const key = entryKey(valid.groupId, valid.practiceId);
      if (tables.entries.has(key))
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already in this room');
      tables.entries.set(key, structuredClone(valid));
      return valid;
    },
    async get(groupId, practiceId) {
      const key = entryKey(groupId, practiceId);
      const raw = tables.entries.get(key);
      return raw === undefined ? null : readEntry(key, raw);
    },
    async listByGroup(groupId, { limit }) {
      return [...tables.entries]
        .map(([key, raw]) => readEntry(key, raw))
        .filter((e) => e.groupId === groupId)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .slice(0, Math.max(0, limit));
    },
    async addWhisper(whisper) {
      const valid = validateIncoming(whisperSchema, whisper, 'whisper');
      if (tables.whispers.has(valid.id))
        throw new DomainError(DomainErrorCode.Conflict, 'Whisper already exists');
      tables.whispers.set(valid.id, structuredClone(valid));
      return valid;
    },
    async listWhispers(groupId, practiceId, viewerId, { limit }) {
      return [...tables.whispers]
        .map(([id, raw]) => decodeStored(whisperSchema, raw, 'whisper', id))
        .filter(
          (w) =>
            w.groupId === groupId &&
            w.practiceId === practiceId &&
            (w.from.userId === viewerId || w.to.userId === viewerId),
        )
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
        .slice(0, Math.max(0, limit));
    },
  };
}
