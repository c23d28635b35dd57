import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAgainst, startTestStack, type TestStack } from './testing/index.js';

const examples = join(import.meta.dirname, '../../../practice/examples');

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

const cli = (args: string[]) => runCliAgainst(stack, args);

interface RunOutput {
  practiceId: string;
  sessionId: string;
  scenario: { id: string; opportunityId?: string };
  transcript: { speaker: 'rep' | 'buyer'; content: string }[];
  scorecard: {
    score: number;
    checks: {
      id: string;
      label: string;
      passed: boolean | null;
      evidence?: string;
      advice?: string;
    }[];
    strengths: string[];
    improvements: string[];
  };
}

async function firstDeal(user: string): Promise<string> {
  const { code, stdout } = await cli(['practice', 'scenarios', '--user', user, '--json']);
  expect(code).toBe(0);
  const scenarios = JSON.parse(stdout) as { id: string; opportunityId?: string }[];
  const deal = scenarios.find((s) => s.opportunityId !== undefined);
  if (!deal?.opportunityId) throw new Error(`${user} has no deal scenario`);
  return deal.opportunityId;
}

describe('practice (offline model, real API, real CRM over MCP)', () => {
  it('practice scenarios lists the library and the user\u2019s own open deals', async () => {
    const { stdout } = await cli(['practice', 'scenarios', '--user', 'alex', '--json']);
    const scenarios = JSON.parse(stdout) as Record<string, unknown>[];
    expect(scenarios).toContainEqual({
      id: 'discovery-realistic',
      title: expect.any(String),
      kind: 'discovery',
      difficulty: 'realistic',
    });
    const deals = scenarios.filter((s) => s.opportunityId !== undefined);
    expect(deals.length).toBeGreaterThan(0);
    for (const deal of deals)
      expect(Object.keys(deal).sort()).toEqual([
        'difficulty',
        'id',
        'kind',
        'opportunityId',
        'title',
      ]);
  });

  it('practice run on a real deal: a good rep scores far above a feature pitcher, with evidence from the rep\u2019s lines', async () => {
    const deal = await firstDeal('alex');
    const run = async (file: string): Promise<RunOutput> => {
      const { code, stdout, stderr } = await cli([
        'practice',
        'run',
        '--user',
        'alex',
        '--deal',
        deal,
        '--turns',
        join(examples, file),
        '--json',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return JSON.parse(stdout) as RunOutput;
    };
    const good = await run('good.txt');
    const bad = await run('bad.txt');
    expect(Object.keys(good).sort()).toEqual([
      'practiceId',
      'scenario',
      'scorecard',
      'sessionId',
      'transcript',
    ]);
    expect(Object.keys(good.scorecard).sort()).toEqual([
      'checks',
      'improvements',
      'score',
      'strengths',
    ]);
    expect(good.scenario.opportunityId).toBe(deal);
    expect(good.transcript[0]?.speaker).toBe('buyer');
    expect(good.transcript.filter((t) => t.speaker === 'rep')).toHaveLength(9);
    expect(good.transcript.filter((t) => t.speaker === 'buyer')).toHaveLength(10);
    expect(good.scorecard.score).toBeGreaterThanOrEqual(80);
    expect(bad.scorecard.score).toBeLessThanOrEqual(20);
    const repLines = good.transcript.filter((t) => t.speaker === 'rep').map((t) => t.content);
    const evidence = good.scorecard.checks.flatMap((c) => (c.evidence ? [c.evidence] : []));
    expect(evidence.length).toBeGreaterThan(6);
    for (const quote of evidence) expect(repLines.some((line) => line.includes(quote))).toBe(true);
    expect(bad.scorecard.improvements).toHaveLength(2);
  });

  it('refuses a practice on a deal the user cannot see (FORBIDDEN) and creates nothing', async () => {
    const samsDeal = await firstDeal('sam');
    const alex = stack.client('alex');
    const before = await alex.api.practice.list.query();
    await expect(alex.api.practice.start.mutate({ opportunityId: samsDeal })).rejects.toMatchObject(
      {
        data: { code: 'FORBIDDEN' },
      },
    );
    const riley = stack.client('riley');
    await expect(
      riley.api.practice.start.mutate({ opportunityId: samsDeal }),
    ).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(alex.api.practice.list.query()).resolves.toHaveLength(before.length);
    await expect(riley.api.practice.list.query()).resolves.toHaveLength(0);
  });

  it('keeps the buyer\u2019s hidden facts, hints and practice sessions away from everyone but the rep', async () => {
    const alex = stack.client('alex');
    const practice = await alex.api.practice.start.mutate({ scenarioId: 'discovery-realistic' });
    expect(JSON.stringify(practice)).not.toContain('hiddenFacts');
    const hint = await alex.api.practice.hint.mutate({ practiceId: practice.id });
    expect(hint.text.length).toBeGreaterThan(10);
    const page = await alex.api.practice.messages.query({ practiceId: practice.id });
    expect(page.messages.map((m) => m.content).join('\n')).not.toContain(hint.text);
    await expect(alex.api.practice.get.query({ practiceId: practice.id })).resolves.toMatchObject({
      hints: [hint],
    });
    const sam = stack.client('sam');
    await expect(sam.api.practice.get.query({ practiceId: practice.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    await expect(sam.api.practice.hint.mutate({ practiceId: practice.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const sessions = await alex.api.chat.sessions.list.query();
    expect(sessions.map((s) => s.id)).not.toContain(practice.sessionId);
    await expect(
      alex.api.chat.send.mutate({
        sessionId: practice.sessionId,
        content: 'hi',
        clientMessageId: 'c1',
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
