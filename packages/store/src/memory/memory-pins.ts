import { pinnedAnswerSchema, type PinnedAnswerRepository } from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { newestPerTeam } from './newest-per-team.js';

/** Team FAQ entries by id; documents kept as clones and validated on every read. */
export function createMemoryPins(rows: Map<string, unknown>): PinnedAnswerRepository {
  return {
    async add(pin) {
      const valid = validateIncoming(pinnedAnswerSchema, pin, 'pinned answer');
      rows.set(valid.id, structuredClone(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      const all = [...rows].map(([id, raw]) =>
        decodeStored(pinnedAnswerSchema, raw, 'pinned answer', id),
      );
      return newestPerTeam(all, teamIds, limit);
    },
    async remove(teamId, pinId) {
      const raw = rows.get(pinId);
      if (raw === undefined) return false;
      if (decodeStored(pinnedAnswerSchema, raw, 'pinned answer', pinId).teamId !== teamId)
        return false;
      return rows.delete(pinId);
    },
  };
}
