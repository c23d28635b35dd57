import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAgainst, startTestStack, type TestStack } from './testing/index.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

const cli = (args: string[]) => runCliAgainst(stack, args);

describe('salescoach CLI', () => {
  it('ask --json prints the final message with its session, tool calls and attachments', async () => {
    const { code, stdout } = await cli([
      'ask',
      'How is my pipeline this quarter?',
      '--user',
      'alex',
      '--json',
    ]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as {
      id: string;
      sessionId: string;
      content: string;
      status: string;
      toolCalls: { server: string }[];
      attachments: { tables: unknown[]; charts: unknown[] };
    };
    expect(answer).toMatchObject({
      status: 'complete',
      id: expect.any(String),
      sessionId: expect.any(String),
    });
    expect(answer.toolCalls.some((c) => c.server === 'crm')).toBe(true);
    expect(answer.attachments.tables.length).toBeGreaterThan(0);
    expect(answer.attachments.charts.length).toBeGreaterThan(0);

    const history = await cli(['history', answer.sessionId, '--user', 'alex', '--json']);
    expect(history.code).toBe(0);
    const messages = JSON.parse(history.stdout) as { id: string; seq: number }[];
    expect(messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(messages[1]?.id).toBe(answer.id);

    const foreign = await cli(['history', answer.sessionId, '--user', 'sam', '--json']);
    expect(foreign.code).not.toBe(0);
    expect(foreign.stderr).toMatch(/not found/i);
    expect(foreign.stdout).toBe('');
  });

  it('streams the answer text without --json and continues a session', async () => {
    const first = await cli(['ask', 'Which of my deals are at risk?', '--user', 'sam']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/offline model/i);
    const sessionId = /\[session ([^\s]+) · complete\]/.exec(first.stdout)?.[1];
    expect(sessionId).toBeDefined();
    const second = await cli([
      'ask',
      'And my forecast this quarter?',
      '--user',
      'sam',
      '--session',
      sessionId ?? '',
      '--json',
    ]);
    expect((JSON.parse(second.stdout) as { sessionId: string }).sessionId).toBe(sessionId);
  });

  it('explains bad usage on stderr with a non-zero exit', async () => {
    const noUser = await cli(['ask', 'hello']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/--user/);
    const unknown = await cli(['frobnicate', 'x', '--user', 'alex']);
    expect(unknown.code).toBe(2);
    const badUser = await cli(['ask', 'hello', '--user', 'mallory']);
    expect(badUser.code).toBe(1);
    expect(badUser.stderr.length).toBeGreaterThan(0);
  });
});
