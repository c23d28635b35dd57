import { newId, type PinnedAnswer } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';

const pin = (
  teamId: string,
  createdAt: string,
  overrides: Partial<PinnedAnswer> = {},
): PinnedAnswer => ({
  id: newId(),
  teamId,
  question: 'How do I handle price objections?',
  answer: 'Lead with value.',
  pinnedBy: { id: 'dev:morgan', name: 'Morgan Lee' },
  createdAt,
  ...overrides,
});

export function registerPinsContract(ctx: ContractContext): void {
  describe('pinned answers', () => {
    it('lists a team’s entries newest first, per team up to the limit, and removes only in its team', async () => {
      const a = `a-${newId().slice(0, 8)}`;
      const b = `b-${newId().slice(0, 8)}`;
      const pins = ctx.store().pins;
      const older = await pins.add(pin(a, '2026-02-01T09:00:00.000Z', { clusterId: 'c-1' }));
      const newer = await pins.add(pin(a, '2026-02-02T09:00:00.000Z'));
      const other = await pins.add(pin(b, '2026-02-03T09:00:00.000Z'));
      expect(await pins.listByTeams([a], { limit: 10 })).toEqual([newer, older]);
      expect((await pins.listByTeams([a, b], { limit: 1 })).map((p) => p.id)).toEqual([
        other.id,
        newer.id,
      ]);
      expect(await pins.listByTeams([], { limit: 10 })).toEqual([]);
      await expect(pins.remove(b, older.id)).resolves.toBe(false);
      await expect(pins.remove(a, older.id)).resolves.toBe(true);
      await expect(pins.remove(a, older.id)).resolves.toBe(false);
      expect(await pins.listByTeams([a], { limit: 10 })).toEqual([newer]);
    });
  });
}
