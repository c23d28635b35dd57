import { describe, expect, it } from 'vitest';
import type { User } from '../model/user.js';
import { silentLogger } from '../ports/logger.port.js';
import type { AssignmentRepository } from '../ports/assignment-repository.port.js';
import type { Practice } from '../practice/practice.js';
import { StaticTeamDirectory } from '../team/static-team-directory.js';
import type { Assignment, AssignmentCompletion } from './assignment.js';
import { AssignmentService } from './assignment-service.js';

/** The repository at the unit's edge: plain arrays (the stores' own contract suite covers them). */
function arrays(): AssignmentRepository {
  const assignments: Assignment[] = [];
  const completions: AssignmentCompletion[] = [];
  return {
    create: async (a) => (assignments.push(a), a),
    listByTeams: async (teamIds) => assignments.filter((a) => teamIds.includes(a.teamId)).reverse(),
    complete: async (c) => {
      if (completions.some((x) => x.assignmentId === c.assignmentId && x.userId === c.userId))
        return false;
      completions.push(c);
      return true;
    },
    completions: async (teamIds) => completions.filter((c) => teamIds.includes(c.teamId)),
  };
}

const user = (key: string, roles: string[]): User => ({
  id: `dev:${key}`,
  tenantId: 'dev',
  name: key,
  email: `${key}@example.test`,
  roles,
});
const morgan = user('morgan', ['Manager']);
const alex = user('alex', ['Sales']);
const sam = user('sam', ['Sales']);

function setup() {
  let now = new Date('2026-03-01T09:00:00.000Z');
  const service = new AssignmentService({
    assignments: arrays(),
    teams: new StaticTeamDirectory({
      teams: [
        {
          id: 'west',
          name: 'West',
          role: 'Sales',
          managers: [morgan.id],
          members: [alex.id, sam.id],
        },
      ],
    }),
    scenarioTitle: async (_team, id) => (id === 'objection-realistic' ? 'Price' : undefined),
    clock: { now: () => now },
    logger: silentLogger,
  });
  return { service, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const scored = (rep: User, createdAt: string, scenarioId = 'objection-realistic'): Practice =>
  ({
    id: `p-${createdAt}`,
    userId: rep.id,
    status: 'scored',
    createdAt,
    scenario: { id: scenarioId },
    scorecard: { score: 75, createdAt: '2026-03-01T12:00:00.000Z' },
  }) as unknown as Practice;

describe('assignments', () => {
  it('open until due, overdue after, done once a practice started after it is scored', async () => {
    const { service, advance } = setup();
    const due = '2026-03-02T09:00:00.000Z';
    const a = await service.assign(morgan, {
      teamId: 'west',
      scenarioId: 'objection-realistic',
      assignees: { kind: 'team' },
      dueAt: due,
    });
    expect((await service.mine(sam)).map((x) => [x.id, x.status])).toEqual([[a.id, 'open']]);
    // A practice that started before the assignment was made does not complete it.
    expect(await service.practiceScored(alex, scored(alex, '2026-03-01T08:00:00.000Z'))).toBe(0);
    expect(await service.practiceScored(alex, scored(alex, '2026-03-01T10:00:00.000Z', 'x'))).toBe(
      0,
    );
    expect(await service.practiceScored(alex, scored(alex, '2026-03-01T10:00:00.000Z'))).toBe(1);
    expect(await service.practiceScored(alex, scored(alex, '2026-03-01T11:00:00.000Z'))).toBe(0);
    advance(2 * 86_400_000);
    expect((await service.mine(alex))[0]).toMatchObject({ status: 'done', score: 75 });
    expect((await service.mine(sam))[0]).toMatchObject({ status: 'overdue', dueAt: due });
    await expect(
      service.assign(morgan, {
        teamId: 'west',
        scenarioId: 'objection-realistic',
        assignees: { kind: 'team' },
        dueAt: due,
      }),
    ).rejects.toThrow('The due date must be ahead');
    await expect(
      service.assign(morgan, {
        teamId: 'west',
        scenarioId: 'nope',
        assignees: { kind: 'team' },
        dueAt: '2026-04-01T00:00:00.000Z',
      }),
    ).rejects.toThrow('No such scenario');
  });
});
