import { pinnedAnswerSchema, type PinnedAnswerRepository } from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

/** Team FAQ entries by id; documents kept as clones and validated on every read. */
export function createMemoryPins(rows: Map<string, unknown>): PinnedAnswerRepository {
  return {
    async add(pin) {
      const valid = validateIncoming(pinnedAnswerSchema, pin, 'pinned answer');
      rows.set(valid.id, structuredClone(valid));
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      const teams = new Set(teamIds);
      const all = [...rows.entries()]
        .map(([id, raw]) => decodeStored(pinnedAnswerSchema, raw, 'pinned answer', id))
        .filter((p) => teams.has(p.teamId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const perTeam = new Map<string, number>();
      return all.filter((p) => {
        const n = (perTeam.get(p.teamId) ?? 0) + 1;
        perTeam.set(p.teamId, n);
        return n <= limit;
      });
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
