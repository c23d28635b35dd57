import { DomainErrorCode, type Practice } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import { practiceFixture } from './practice-fixtures.js';
import { nextTimestamp, sessionFixture, sessionRef, userMessageFixture } from './store-fixtures.js';

const scored = (p: Practice): Practice => ({
  ...p,
  status: 'scored',
  endedAt: p.updatedAt,
  scorecard: {
    score: 50,
    checks: [
      {
        id: 'meddicc.pain',
        label: 'Identify pain',
        passed: true,
        evidence: 'What is not working?',
      },
      { id: 'meddicc.metrics', label: 'Metrics', passed: false, advice: 'Put a number on it.' },
      { id: 'objection.acknowledge', label: 'Acknowledge', passed: null },
    ],
    strengths: ['You asked about the pain.'],
    improvements: ['Put a number on it.'],
    model: { provider: 'offline', name: 'offline model' },
    createdAt: p.updatedAt,
  },
});

export function registerPracticeContract(ctx: ContractContext): void {
  describe('practices', () => {
    it('keeps a practice session out of the chat list, yet its messages append like any session', async () => {
      const user = `practiser-${Date.now()}`;
      const chat = await ctx.store().sessions.create(sessionFixture(user));
      const practice = await ctx
        .store()
        .sessions.create(sessionFixture(user, { kind: 'practice' }));
      const ref = sessionRef(practice);
      const { message } = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'What is not working?'));
      expect(message.seq).toBe(1);
      await expect(ctx.store().sessions.get(user, practice.id)).resolves.toMatchObject({
        kind: 'practice',
        lastSeq: 1,
      });
      const listed = await ctx.store().sessions.listByUser(user, { limit: 10 });
      expect(listed.map((s) => s.id)).toEqual([chat.id]);
    });

    it('creates a practice, finds it by id and by session, for its rep only', async () => {
      const session = await ctx
        .store()
        .sessions.create(sessionFixture('alex', { kind: 'practice' }));
      const practice = practiceFixture('alex', session.id);
      await expect(ctx.store().practices.create(practice)).resolves.toEqual(practice);
      await expect(ctx.store().practices.get('alex', practice.id)).resolves.toEqual(practice);
      await expect(ctx.store().practices.getBySession('alex', session.id)).resolves.toEqual(
        practice,
      );
      await expect(ctx.store().practices.get('sam', practice.id)).resolves.toBeNull();
      await expect(ctx.store().practices.getBySession('sam', session.id)).resolves.toBeNull();
      await expect(ctx.store().practices.create(practice)).rejects.toMatchObject({
        code: DomainErrorCode.Conflict,
      });
    });

    it('stores a scorecard with passed, failed and not-applicable checks exactly', async () => {
      const practice = await ctx
        .store()
        .practices.create(practiceFixture('alex', `s-${Date.now()}`));
      const updated = await ctx.store().practices.update('alex', practice.id, scored);
      expect(updated).toEqual(scored(practice));
      await expect(ctx.store().practices.get('alex', practice.id)).resolves.toEqual(
        scored(practice),
      );
      await expect(ctx.store().practices.update('sam', practice.id, scored)).resolves.toBeNull();
    });

    it('an update cannot move a practice to another rep or session', async () => {
      const practice = await ctx
        .store()
        .practices.create(practiceFixture('alex', `s-${Date.now()}`));
      const moved = await ctx.store().practices.update('alex', practice.id, (p) => ({
        ...p,
        userId: 'sam',
        sessionId: 'other',
      }));
      expect(moved).toMatchObject({ userId: 'alex', sessionId: practice.sessionId });
      await expect(ctx.store().practices.get('sam', practice.id)).resolves.toBeNull();
    });

    it('refuses a practice whose scorecard breaks the schema', async () => {
      const practice = practiceFixture('alex', `s-${Date.now()}`);
      const bad = {
        ...scored(practice),
        scorecard: { ...scored(practice).scorecard, score: 140 },
      } as Practice;
      await expect(ctx.store().practices.create(bad)).rejects.toMatchObject({
        code: DomainErrorCode.Invalid,
      });
    });

    it('lists a rep\u2019s practices newest first, bounded by limit', async () => {
      const user = `history-${Date.now()}`;
      const first = await ctx
        .store()
        .practices.create(practiceFixture(user, 's1', { createdAt: nextTimestamp() }));
      const second = await ctx
        .store()
        .practices.create(practiceFixture(user, 's2', { createdAt: nextTimestamp() }));
      await ctx.store().practices.create(practiceFixture('someone-else', 's3'));
      const listed = await ctx.store().practices.listByUser(user, { limit: 10 });
      expect(listed.map((p) => p.id)).toEqual([second.id, first.id]);
      await expect(ctx.store().practices.listByUser(user, { limit: 1 })).resolves.toHaveLength(1);
    });
  });
}
