import { newId, type Assignment, type TeamScenario } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';

const scenario = (teamId: string, createdAt: string): TeamScenario => ({
  teamId,
  clusterId: 'c-1',
  scenario: {
    id: `team:${teamId}:${newId().slice(0, 8)}`,
    title: 'Team practice: price objections',
    kind: 'objection',
    difficulty: 'realistic',
    brief: 'Hold the price.',
    persona: {
      name: 'Dana',
      title: 'CFO',
      company: 'Contoso',
      style: 'Terse',
      goals: ['Save money'],
      opening: 'You are too expensive.',
      hiddenFacts: [{ kind: 'budget', text: 'We have 50k.' }],
      objections: [{ when: 'price', text: 'Too much.' }],
      background: [],
    },
    grounding: {},
    methodology: ['objection-handling'],
    createdBy: 'dev:morgan',
  },
  createdBy: { id: 'dev:morgan', name: 'Morgan Lee' },
  createdAt,
});

const assignment = (teamId: string, createdAt: string, reps?: string[]): Assignment => ({
  id: newId(),
  teamId,
  scenarioId: 'objection-realistic',
  scenarioTitle: 'Price objection',
  assignees: reps ? { kind: 'reps', userIds: reps } : { kind: 'team' },
  dueAt: '2026-03-01T17:00:00.000Z',
  assignedBy: { id: 'dev:morgan', name: 'Morgan Lee' },
  createdAt,
});

export function registerCoachingContract(ctx: ContractContext): void {
  describe('team scenarios and assignments', () => {
    it('keeps team scenarios per team: read back only in their team, newest first', async () => {
      const a = `a-${newId().slice(0, 8)}`;
      const b = `b-${newId().slice(0, 8)}`;
      const repo = ctx.store().teamScenarios;
      const older = await repo.add(scenario(a, '2026-02-01T09:00:00.000Z'));
      const newer = await repo.add(scenario(a, '2026-02-02T09:00:00.000Z'));
      await repo.add(scenario(b, '2026-02-03T09:00:00.000Z'));
      expect(await repo.get(a, older.scenario.id)).toEqual(older);
      expect(await repo.get(b, older.scenario.id)).toBeNull();
      expect(await repo.listByTeams([a], { limit: 10 })).toEqual([newer, older]);
      expect(await repo.listByTeams([a], { limit: 1 })).toEqual([newer]);
      expect(await repo.listByTeams([], { limit: 10 })).toEqual([]);
    });

    it('lists a team’s assignments newest first and records each rep’s completion once', async () => {
      const a = `a-${newId().slice(0, 8)}`;
      const b = `b-${newId().slice(0, 8)}`;
      const repo = ctx.store().assignments;
      const older = await repo.create(assignment(a, '2026-02-01T09:00:00.000Z', ['dev:alex']));
      const newer = await repo.create(assignment(a, '2026-02-02T09:00:00.000Z'));
      const other = await repo.create(assignment(b, '2026-02-03T09:00:00.000Z'));
      expect(await repo.listByTeams([a], { limit: 10 })).toEqual([newer, older]);
      expect((await repo.listByTeams([a, b], { limit: 1 })).map((x) => x.id)).toEqual([
        other.id,
        newer.id,
      ]);
      const done = {
        assignmentId: older.id,
        teamId: a,
        userId: 'dev:alex',
        practiceId: newId(),
        score: 80,
        completedAt: '2026-02-04T09:00:00.000Z',
      };
      await expect(repo.complete(done)).resolves.toBe(true);
      await expect(
        repo.complete({
          ...done,
          practiceId: newId(),
          score: 10,
          completedAt: '2026-02-05T09:00:00.000Z',
        }),
      ).resolves.toBe(false);
      const sam = {
        ...done,
        assignmentId: newer.id,
        userId: 'dev:sam',
        completedAt: '2026-02-06T09:00:00.000Z',
      };
      await expect(repo.complete(sam)).resolves.toBe(true);
      expect(await repo.completions([a])).toEqual([done, sam]);
      expect(await repo.completions([b])).toEqual([]);
      expect(await repo.completions([])).toEqual([]);
    });
  });
}
