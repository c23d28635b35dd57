import { DomainError, type LlmChunk, type LlmClient, type LlmRequest } from '@salescoach/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type ScriptedOpenAiServer,
} from '../testing/index.js';
import type { LlmUsage } from '../chat-completions/chat-completions-client.js';
import { createOpenAiClient } from './create-openai-client.js';

const TIMEOUT_MS = 400;
const tools = [
  {
    name: 'crm__pipeline_summary',
    description: 'Pipeline totals grouped by stage, owner or month',
    parameters: { type: 'object', properties: { quarter: { type: 'string' } } },
  },
  {
    name: 'crm__deal_risks',
    description: 'Deals at risk',
    parameters: { type: 'object', properties: {} },
  },
];
const ask = (content: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  purpose: 'chat',
  messages: [
    { role: 'system', content: 'You are a coach.' },
    { role: 'user', content },
  ],
  tools,
  ...extra,
});

async function collect(stream: AsyncIterable<LlmChunk>): Promise<LlmChunk[]> {
  const chunks: LlmChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function failureOf(stream: AsyncIterable<LlmChunk>): Promise<unknown> {
  try {
    await collect(stream);
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

const textOf = (chunks: LlmChunk[]) =>
  chunks.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');

describe('createOpenAiClient with the real openai SDK against a scripted server', () => {
  let server: ScriptedOpenAiServer;
  let llm: LlmClient;
  const usages: LlmUsage[] = [];

  beforeAll(async () => {
    server = await startScriptedOpenAiServer();
    llm = createOpenAiClient({
      apiKey: 'sk-test',
      baseURL: server.url,
      models: { chat: 'chat-model', utility: 'utility-model' },
      timeoutMs: TIMEOUT_MS,
      maxRetries: 2,
      onUsage: (u) => usages.push(u),
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    usages.length = 0;
    expect(server.pending).toBe(0);
  });

  it('streams text deltas, then usage and finish, and sends the request shape', async () => {
    server.script([
      textAnswer('Your pipeline holds $1.2M across 14 deals.', {
        chunkSize: 5,
        usage: { inputTokens: 42, outputTokens: 9 },
      }),
    ]);
    const chunks = await collect(llm.stream(ask('How is my pipeline?')));

    expect(chunks.filter((c) => c.type === 'text').length).toBeGreaterThan(3);
    expect(textOf(chunks)).toBe('Your pipeline holds $1.2M across 14 deals.');
    expect(chunks.slice(-2)).toEqual([
      { type: 'usage', inputTokens: 42, outputTokens: 9 },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(usages).toEqual([
      { purpose: 'chat', model: 'chat-model', inputTokens: 42, outputTokens: 9 },
    ]);

    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({
      model: 'chat-model',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'You are a coach.' },
        { role: 'user', content: 'How is my pipeline?' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'crm__pipeline_summary',
            description: tools[0]!.description,
            parameters: tools[0]!.parameters,
          },
        },
        expect.anything(),
      ],
    });
  });

  it('uses the utility model for the utility purpose and sends no tools when there are none', async () => {
    server.script([textAnswer('Pipeline review')]);
    await collect(
      llm.stream({ purpose: 'utility', messages: [{ role: 'user', content: 'Name this' }] }),
    );
    expect(llm.modelFor('utility')).toBe('utility-model');
    expect(server.requests[0]?.body).toMatchObject({ model: 'utility-model' });
    expect(server.requests[0]?.body).not.toHaveProperty('tools');
  });

  it('joins tool-call arguments split across many chunks', async () => {
    const args = { quarter: '2026-Q4', groupBy: 'stage', owner: 'me' };
    server.script([
      toolCallAnswer([{ name: 'crm__pipeline_summary', arguments: args, id: 'call_a' }], {
        fragmentSize: 3,
      }),
    ]);
    const chunks = await collect(llm.stream(ask('How is my pipeline?')));

    const calls = chunks.flatMap((c) => (c.type === 'tool_call' ? [c.call] : []));
    expect(calls).toEqual([
      { id: 'call_a', name: 'crm__pipeline_summary', arguments: JSON.stringify(args) },
    ]);
    expect(JSON.parse(calls[0]!.arguments)).toEqual(args);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('returns two parallel tool calls whose fragments interleave', async () => {
    server.script([
      {
        type: 'stream',
        events: [
          { toolCall: { index: 0, id: 'call_1', name: 'crm__pipeline_summary', arguments: '' } },
          { toolCall: { index: 1, id: 'call_2', name: 'crm__deal_risks', arguments: '{"ow' } },
          { toolCall: { index: 0, arguments: '{"quarter":' } },
          { toolCall: { index: 1, arguments: 'ner":"me"}' } },
          { toolCall: { index: 0, arguments: '"2026-Q4"}' } },
          { finish: 'tool_calls' },
          { usage: { inputTokens: 5, outputTokens: 5 } },
        ],
      },
    ]);
    const chunks = await collect(llm.stream(ask('Pipeline and risks?')));
    expect(chunks.filter((c) => c.type === 'tool_call')).toEqual([
      {
        type: 'tool_call',
        call: { id: 'call_1', name: 'crm__pipeline_summary', arguments: '{"quarter":"2026-Q4"}' },
      },
      {
        type: 'tool_call',
        call: { id: 'call_2', name: 'crm__deal_risks', arguments: '{"owner":"me"}' },
      },
    ]);
  });

  it('tolerates chunks with no choices (Azure content-filter results) before and between deltas', async () => {
    server.script([
      {
        type: 'stream',
        events: [
          { emptyChoices: true },
          { text: 'Hello' },
          { emptyChoices: true },
          { text: ' there' },
          { finish: 'stop' },
          { usage: { inputTokens: 1, outputTokens: 2 } },
        ],
      },
    ]);
    const chunks = await collect(llm.stream(ask('Hi')));
    expect(textOf(chunks)).toBe('Hello there');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('sends assistant tool calls and tool results back in the API shape', async () => {
    server.script([textAnswer('Done')]);
    await collect(
      llm.stream({
        purpose: 'chat',
        messages: [
          { role: 'user', content: 'Pipeline?', name: 'Alex Rivera' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_1', name: 'crm__pipeline_summary', arguments: '{}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: 'result' },
        ],
      }),
    );
    expect((server.requests[0]?.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Pipeline?', name: 'Alex_Rivera' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'crm__pipeline_summary', arguments: '{}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'result' },
    ]);
  });

  it('retries a 429 through the SDK and then succeeds', async () => {
    server.script([
      {
        type: 'error',
        status: 429,
        headers: { 'retry-after-ms': '10' },
        code: 'rate_limit_exceeded',
      },
      textAnswer('Recovered'),
    ]);
    const chunks = await collect(llm.stream(ask('Hi')));
    expect(textOf(chunks)).toBe('Recovered');
    expect(server.requests).toHaveLength(2);
  });

  it('maps a 429 that outlasts the retries to RATE_LIMITED with retryAfterMs', async () => {
    const limited = { type: 'error', status: 429, headers: { 'retry-after-ms': '20' } } as const;
    server.script([limited, limited, limited]);
    const error = await failureOf(llm.stream(ask('Hi')));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: 20 } });
    expect(server.requests).toHaveLength(3);
  });

  it('maps 5xx until the retries run out to UNAVAILABLE, after 1 + maxRetries attempts', async () => {
    server.script([
      { type: 'error', status: 503, headers: { 'retry-after-ms': '5' } },
      { type: 'error', status: 500, headers: { 'retry-after-ms': '5' } },
      {
        type: 'error',
        status: 502,
        headers: { 'retry-after-ms': '5' },
        message: 'secret upstream detail',
      },
    ]);
    const error = await failureOf(llm.stream(ask('Hi')));
    expect(error).toMatchObject({ name: 'DomainError', code: 'UNAVAILABLE' });
    expect((error as Error).message).not.toContain('secret upstream detail');
    expect(server.requests).toHaveLength(3);
  });

  it('maps a 400 to INVALID and a 400 content filter to CONTENT_FILTERED, without retrying', async () => {
    server.script([{ type: 'error', status: 400, message: 'context too long' }]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'INVALID' });
    server.script([{ type: 'error', status: 400, code: 'content_filter', message: 'filtered' }]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'CONTENT_FILTERED' });
    expect(server.requests).toHaveLength(2);
  });

  it('maps a content_filter finish to CONTENT_FILTERED', async () => {
    server.script([
      { type: 'stream', events: [{ text: 'Partial' }, { finish: 'content_filter' }] },
    ]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'CONTENT_FILTERED' });
  });

  it('maps an error event inside the stream to UNAVAILABLE', async () => {
    server.script([
      { type: 'stream', events: [{ text: 'Par' }, { streamError: { message: 'overloaded' } }] },
    ]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('maps a stream that ends without a finish reason (dropped connection) to UNAVAILABLE', async () => {
    server.script([{ type: 'stream', events: [{ text: 'Par' }], end: 'drop' }]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('ends a stream that stalls after its first chunks with TIMEOUT', async () => {
    server.script([{ type: 'stream', events: [{ text: 'Let me check' }], end: 'stall' }]);
    const seen: LlmChunk[] = [];
    let failure: unknown;
    try {
      for await (const chunk of llm.stream(ask('Hi'))) seen.push(chunk);
    } catch (error) {
      failure = error;
    }
    expect(textOf(seen)).toBe('Let me check');
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'TIMEOUT' });
  });

  it('ends a stream whose headers arrive but no chunk ever does with TIMEOUT', async () => {
    server.script([{ type: 'stream', events: [], end: 'stall' }]);
    expect(await failureOf(llm.stream(ask('Hi')))).toMatchObject({ code: 'TIMEOUT' });
  });

  it('maps a response that does not start within the timeout to TIMEOUT (the SDK timeout, retried by the SDK)', async () => {
    const impatient = createOpenAiClient({
      apiKey: 'sk-test',
      baseURL: server.url,
      models: { chat: 'm', utility: 'm' },
      timeoutMs: 150,
      maxRetries: 1,
    });
    const slowStart = {
      type: 'stream',
      events: [{ text: 'late' }, { finish: 'stop' }],
      headersDelayMs: 1_000,
    } as const;
    server.script([slowStart, slowStart]);
    const error = await failureOf(impatient.stream(ask('Hi')));
    expect(error).toMatchObject({ name: 'DomainError', code: 'TIMEOUT' });
    expect(server.requests).toHaveLength(2);
  });

  it('does not count a slow consumer as a stalled stream', async () => {
    server.script([textAnswer('abcd', { chunkSize: 2 })]);
    const seen: string[] = [];
    for await (const chunk of llm.stream(ask('Hi'))) {
      if (chunk.type === 'text') {
        seen.push(chunk.text);
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 100));
      }
    }
    expect(seen.join('')).toBe('abcd');
  });

  it('stops mid-stream with an AbortError when the signal aborts', async () => {
    server.script([textAnswer('one two three four five six', { chunkSize: 4, delayMs: 50 })]);
    const controller = new AbortController();
    const seen: LlmChunk[] = [];
    let failure: unknown;
    try {
      for await (const chunk of llm.stream(ask('Hi', { signal: controller.signal }))) {
        seen.push(chunk);
        if (seen.length === 2) controller.abort();
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBeLessThan(7);
    expect(seen.some((c) => c.type === 'finish')).toBe(false);
  });

  it('fails at once with an AbortError when the signal is already aborted, sending nothing', async () => {
    const error = await failureOf(llm.stream(ask('Hi', { signal: AbortSignal.abort() })));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);
  });
});
