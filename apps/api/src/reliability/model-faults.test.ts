import { textAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedStack, type ScriptedStack } from '../testing/index.js';
import { askAndFollow } from './answer-probe.js';
import { watchForLeaks } from './log-leak-check.js';

/**
 * The model misbehaving behind the real `openai` SDK: throttled, stalled, cut off.
 * (A 5xx past the retry budget is proven in answer-lifecycle.test.ts.)
 */
const LLM_TIMEOUT_MS = 1_500;
const secrets = watchForLeaks('modelfaults');
let model: ScriptedOpenAiServer;
let stack: ScriptedStack;

beforeAll(async () => {
  stack = await startScriptedStack({
    crm: false,
    env: {
      OPENAI_API_KEY: secrets.canary('apikey'),
      LLM_MAX_RETRIES: '2',
      LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    },
  });
  model = stack.model;
});
afterAll(async () => {
  await stack.close();
  secrets.expectAbsentFrom(stack.logLines);
});

const chatRequests = () =>
  model.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

describe('model faults', () => {
  it('fault: the model answers 429 with retry-after → the SDK waits, retries, and the answer completes', async () => {
    const before = chatRequests();
    model.script([
      {
        type: 'error',
        status: 429,
        headers: { 'retry-after-ms': '200' },
        message: 'Rate limit reached',
        code: 'rate_limit_exceeded',
      },
      {
        type: 'error',
        status: 429,
        headers: { 'retry-after': '0' },
        message: 'Rate limit reached',
        code: 'rate_limit_exceeded',
      },
      textAnswer('Your pipeline holds steady.'),
    ]);
    const alex = stack.client('alex');
    const question = `How is my pipeline? ${secrets.canary('question')}`;
    const probe = await askAndFollow(alex, question);
    const end = await probe.ended();
    expect(end.type).toBe('answer.completed');
    expect(end.message).toMatchObject({
      status: 'complete',
      content: 'Your pipeline holds steady.',
    });
    expect(chatRequests() - before).toBe(3);
    expect((await probe.history()).map((m) => [m.author.kind, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('fault: the stream stalls after its first words → answer.failed with a timeout, the question kept, a retry answers', async () => {
    model.script([{ type: 'stream', events: [{ text: 'Let me look' }], end: 'stall' }]);
    const sam = stack.client('sam');
    const probe = await askAndFollow(sam, `Summarise my week ${secrets.canary('stalled')}`);
    const end = await probe.ended();
    expect(end.type).toBe('answer.failed');
    if (end.type !== 'answer.failed') return;
    expect(end.code).toBe('TIMEOUT');
    expect(end.reason).toMatch(/stopped responding/);
    expect(end.message.status).toBe('failed');
    const history = await probe.history();
    expect(history[0]).toMatchObject({ author: { kind: 'user' }, status: 'complete' });
    expect(history[1]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/stopped responding/),
    });

    model.script([textAnswer('Here is your week.')]);
    const retry = await askAndFollow(sam, 'Summarise my week', probe.sessionId);
    expect((await retry.ended()).message).toMatchObject({
      status: 'complete',
      content: 'Here is your week.',
    });
  });

  it('fault: the headers never come → the SDK times out, retries, and the answer fails with a timeout', async () => {
    model.script([
      { type: 'stream', events: [], headersDelayMs: 8_000 },
      { type: 'stream', events: [], headersDelayMs: 8_000 },
      { type: 'stream', events: [], headersDelayMs: 8_000 },
    ]);
    const probe = await askAndFollow(stack.client('riley'), 'What should I do next?');
    const end = await probe.ended(30_000);
    expect(end.type).toBe('answer.failed');
    if (end.type === 'answer.failed') expect(end.code).toBe('TIMEOUT');
    expect((await probe.history())[0]).toMatchObject({
      author: { kind: 'user' },
      status: 'complete',
    });
  });

  it('fault: the connection drops mid-stream → answer.failed, never a half answer marked complete', async () => {
    model.script([
      {
        type: 'stream',
        events: [{ text: 'The first half of' }, { text: ' an answer' }],
        end: 'drop',
      },
    ]);
    const probe = await askAndFollow(stack.client('morgan'), 'How is the team doing?');
    const end = await probe.ended();
    expect(end.type).toBe('answer.failed');
    expect(end.message.status).toBe('failed');
    const stored = (await probe.history())[1];
    expect(stored?.status).toBe('failed');
  });
});
