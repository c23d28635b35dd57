import {
  DomainError,
  DomainErrorCode,
  practiceSchema,
  type Practice,
  type PracticeRepository,
} from '@salescoach/domain';
import { changedPractice } from '../validation/practice-change.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

export function createMemoryPractices(rows: Map<string, unknown>): PracticeRepository {
  const read = (id: string): Practice | null => {
    const raw = rows.get(id);
    return raw === undefined ? null : decodeStored(practiceSchema, raw, 'practice', id);
  };
  const all = (userId: string): Practice[] =>
    [...rows.keys()].map(read).filter((p): p is Practice => p?.userId === userId);
  return {
    async create(practice) {
      const valid = validateIncoming(practiceSchema, practice, 'practice');
      if (rows.has(valid.id))
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already exists');
      rows.set(valid.id, structuredClone(valid));
      return valid;
    },
    async get(userId, practiceId) {
      const found = read(practiceId);
      return found?.userId === userId ? found : null;
    },
    async getBySession(userId, sessionId) {
      return all(userId).find((p) => p.sessionId === sessionId) ?? null;
    },
    async listByUser(userId, { limit }) {
      return all(userId)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .slice(0, Math.max(0, limit));
    },
    async update(userId, practiceId, change) {
      const current = await this.get(userId, practiceId);
      if (!current) return null;
      const next = changedPractice(current, change);
      rows.set(practiceId, structuredClone(next));
      return next;
    },
  };
}
