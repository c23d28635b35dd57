import { newId, type AnswerFeedback } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';

function feedback(overrides: Partial<AnswerFeedback> = {}): AnswerFeedback {
  return {
    messageId: newId(),
    conversationKind: 'session',
    conversationId: newId(),
    userId: 'dev:alex',
    rating: 'good',
    role: 'Sales',
    teamIds: ['west'],
    private: false,
    clusterId: 'c-1',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

export function registerFeedbackContract(ctx: ContractContext): void {
  describe('answer feedback', () => {
    it('keeps one record per rater and answer: rating again replaces it and keeps the first time', async () => {
      const log = ctx.store().feedback;
      const first = feedback({ reason: 'Spot on' });
      await log.put(first);
      const again = await log.put({
        ...first,
        rating: 'bad',
        reason: undefined,
        updatedAt: '2026-03-02T10:00:00.000Z',
        createdAt: '2026-03-02T10:00:00.000Z',
      });
      expect(again.createdAt).toBe(first.createdAt);
      const mine = await log.listMine(first.conversationId, first.userId);
      const { reason: _dropped, ...withoutReason } = first;
      expect(mine).toEqual([
        { ...withoutReason, rating: 'bad', updatedAt: '2026-03-02T10:00:00.000Z' },
      ]);
      expect(mine[0]).not.toHaveProperty('reason');
    });

    it('lists only the rater’s own feedback in that conversation, and removes it', async () => {
      const log = ctx.store().feedback;
      const conversationId = newId();
      const alex = feedback({ conversationId });
      const sam = feedback({ conversationId, userId: 'dev:sam', messageId: alex.messageId });
      const elsewhere = feedback({ userId: alex.userId });
      for (const r of [alex, sam, elsewhere]) await log.put(r);
      expect((await log.listMine(conversationId, alex.userId)).map((r) => r.userId)).toEqual([
        alex.userId,
      ]);
      await expect(log.remove(conversationId, alex.userId, alex.messageId)).resolves.toBe(true);
      await expect(log.remove(conversationId, alex.userId, alex.messageId)).resolves.toBe(false);
      await expect(log.listMine(conversationId, alex.userId)).resolves.toEqual([]);
      expect(await log.listMine(conversationId, sam.userId)).toHaveLength(1);
    });

    it('counts for the rater’s teams only, since a time, never while private', async () => {
      const log = ctx.store().feedback;
      const team = `team-${newId()}`;
      const other = `team-${newId()}`;
      const conversationId = newId();
      const inTeam = feedback({ conversationId, teamIds: [other, team] });
      const old = feedback({ teamIds: [team], updatedAt: '2026-01-01T00:00:00.000Z' });
      const otherTeam = feedback({ teamIds: [other] });
      const hidden = feedback({ teamIds: [team], private: true });
      for (const r of [inTeam, old, otherTeam, hidden]) await log.put(r);
      const since = '2026-02-01T00:00:00.000Z';
      const ids = async () =>
        (await log.listForTeams({ teamIds: [team], since })).map((r) => r.messageId).sort();
      expect(await ids()).toEqual([inTeam.messageId]);

      await expect(log.setPrivate(conversationId, true)).resolves.toBe(1);
      await expect(log.setPrivate(conversationId, true)).resolves.toBe(0);
      expect(await ids()).toEqual([]);
      await log.setPrivate(hidden.conversationId, false);
      await log.setPrivate(conversationId, false);
      expect(await ids()).toEqual([inTeam.messageId, hidden.messageId].sort());
      await expect(log.listForTeams({ teamIds: [], since })).resolves.toEqual([]);
    });
  });
}
