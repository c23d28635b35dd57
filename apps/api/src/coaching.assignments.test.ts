import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPractice } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestStack,
  writeTeamsFile,
  PEOPLE_TEAM,
  WEST_TEAM,
  type TestStack,
} from './testing/index.js';

/**
 * Team scenarios, assignments and progress through the API: only a team's manager (or Admin)
 * assigns to that team's reps (as a matrix over every dev user and target), reps see what
 * is assigned to them, and a scored practice of the scenario completes it.
 */
const examples = join(import.meta.dirname, '../../../practice/examples');
const ahead = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

let stack: TestStack;
let teams: Awaited<ReturnType<typeof writeTeamsFile>>;
beforeAll(async () => {
  teams = await writeTeamsFile([WEST_TEAM, PEOPLE_TEAM]);
  stack = await startTestStack({ crm: false, env: { TEAMS_FILE: teams.file } });
});
afterAll(async () => {
  await stack.close();
  await teams.remove();
});

type Target = { teamId: string; reps?: string[] };
const targets: Record<string, Target> = {
  'West team': { teamId: 'west' },
  'West rep alex': { teamId: 'west', reps: ['dev:alex'] },
  'West, riley (not a rep)': { teamId: 'west', reps: ['dev:riley'] },
  'People team': { teamId: 'people' },
  'People rep riley': { teamId: 'people', reps: ['dev:riley'] },
};
const outcome: Record<string, Record<string, string>> = {
  morgan: {
    'West team': 'OK',
    'West rep alex': 'OK',
    'West, riley (not a rep)': 'BAD_REQUEST',
    'People team': 'FORBIDDEN',
    'People rep riley': 'FORBIDDEN',
  },
  admin: {
    'West team': 'OK',
    'West rep alex': 'OK',
    'West, riley (not a rep)': 'BAD_REQUEST',
    'People team': 'OK',
    'People rep riley': 'OK',
  },
};

describe('assign practice: who may assign to whom', () => {
  const cells = ['alex', 'sam', 'morgan', 'riley', 'admin'].flatMap((user) =>
    Object.keys(targets).map((target) => ({
      user,
      target,
      expected: outcome[user]?.[target] ?? 'FORBIDDEN',
    })),
  );
  it.each(cells)('$user → $target: $expected', async ({ user, target, expected }) => {
    const { teamId, reps } = targets[target]!;
    const attempt = stack.client(user).api.coaching.assignments.create.mutate({
      teamId,
      scenarioId: 'objection-realistic',
      assignees: reps ? { kind: 'reps', userIds: reps } : { kind: 'team' },
      dueAt: ahead(),
    });
    if (expected === 'OK') await expect(attempt).resolves.toMatchObject({ teamId });
    else await expect(attempt).rejects.toMatchObject({ data: { code: expected } });
  });
});

describe('the coaching loop: scenario from a question, assignment, practice, progress', () => {
  it('morgan makes a scenario and assigns it to alex; alex practises it and it is done; progress shows it', async () => {
    const morgan = stack.client('morgan').api.coaching;
    const question = 'How do I answer when they say we are too expensive?';
    const draft = await morgan.scenarios.draft.query({ teamId: 'west', question });
    expect(draft.kind).toBe('objection');
    expect(draft.title).toContain(question);
    await expect(
      morgan.scenarios.create.mutate({
        teamId: 'west',
        scenario: { ...draft, methodology: ['no-such-methodology'] },
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      stack
        .client('alex')
        .api.coaching.scenarios.create.mutate({ teamId: 'west', scenario: draft }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const made = await morgan.scenarios.create.mutate({ teamId: 'west', scenario: draft });
    const scenarioId = made.scenario.id;
    expect(scenarioId).toMatch(/^team:west:/);

    // The team's people see it with the library; riley (another team) cannot play it.
    const alexScenarios = await stack.client('alex').api.practice.scenarios.query();
    expect(alexScenarios.map((s) => s.id)).toContain(scenarioId);
    await expect(
      stack.client('riley').api.practice.start.mutate({ scenarioId }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

    const assignment = await morgan.assignments.create.mutate({
      teamId: 'west',
      scenarioId,
      assignees: { kind: 'reps', userIds: ['dev:alex'] },
      dueAt: ahead(),
    });
    const mine = await stack.client('alex').api.coaching.assignments.mine.query();
    expect(mine.find((a) => a.id === assignment.id)).toMatchObject({
      scenarioId,
      scenarioTitle: draft.title,
      status: 'open',
      teamName: 'West',
      assignedBy: 'Morgan Lee',
    });
    const samMine = await stack.client('sam').api.coaching.assignments.mine.query();
    expect(samMine.map((a) => a.id)).not.toContain(assignment.id);

    const turns = (await readFile(join(examples, 'good.txt'), 'utf8')).split('\n').filter(Boolean);
    const run = await runPractice(stack.client('alex'), { start: { scenarioId }, turns });
    const score = run.practice.scorecard?.score;
    expect(score).toBeGreaterThan(0);

    const after = await stack.client('alex').api.coaching.assignments.mine.query();
    expect(after.find((a) => a.id === assignment.id)).toMatchObject({
      status: 'done',
      score,
      practiceId: run.practice.id,
    });

    const progress = await morgan.progress.team.query({ teamId: 'west' });
    const alex = progress.reps.find((r) => r.userId === 'dev:alex');
    expect(alex).toMatchObject({ name: 'Alex Rivera', done: 1, overdue: 0, latestScore: score });
    expect(alex!.assigned).toBeGreaterThanOrEqual(1);
    expect(alex!.checks.length).toBeGreaterThan(0);
    expect(progress.checks.length).toBeGreaterThan(0);
    expect(progress.assignments.find((a) => a.id === assignment.id)).toMatchObject({
      assigned: 1,
      done: 1,
      overdue: 0,
    });
    await expect(
      stack.client('alex').api.coaching.progress.team.query({ teamId: 'west' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});

describe('the team room', () => {
  it('is made for the team’s people the first time one opens it; nobody else may join', async () => {
    const room = await stack.client('alex').api.coaching.teamRoom.join.mutate({ teamId: 'west' });
    expect(room).toMatchObject({ id: 'team-west', name: 'West team', role: 'Sales' });
    expect(room.members.map((m) => m.userId).sort()).toEqual(['dev:alex', 'dev:morgan', 'dev:sam']);
    const sams = await stack.client('sam').api.groups.list.query();
    expect(sams.map((g) => g.id)).toContain('team-west');
    await expect(
      stack.client('riley').api.coaching.teamRoom.join.mutate({ teamId: 'west' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      stack.client('riley').api.groups.messages.list.query({ groupId: 'team-west' }),
    ).rejects.toMatchObject({ data: { code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) } });
  });
});
