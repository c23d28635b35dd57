import type { LlmChunk } from '@salescoach/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type ScriptedOpenAiServer,
} from '../testing/index.js';
import { createAzureOpenAiClient } from './create-azure-openai-client.js';

async function collect(stream: AsyncIterable<LlmChunk>): Promise<LlmChunk[]> {
  const chunks: LlmChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const common = {
  apiVersion: '2024-10-21',
  deployments: { chat: 'coach-chat', utility: 'coach-mini' },
  timeoutMs: 2_000,
  maxRetries: 1,
};

describe('createAzureOpenAiClient with the real SDK against a scripted server', () => {
  let server: ScriptedOpenAiServer;

  beforeAll(async () => {
    server = await startScriptedOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('sends the Azure request shape: deployment in the path, api-version, api-key header', async () => {
    const llm = createAzureOpenAiClient({
      ...common,
      endpoint: `${server.origin}/`,
      apiKey: 'azure-key',
    });
    server.script([textAnswer('Hello from Azure')]);
    const chunks = await collect(
      llm.stream({ purpose: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
    );

    expect(llm.provider).toBe('azure-openai');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const [request] = server.requests;
    expect(request?.path).toBe(
      '/openai/deployments/coach-chat/chat/completions?api-version=2024-10-21',
    );
    expect(request?.deployment).toBe('coach-chat');
    expect(request?.headers['api-key']).toBe('azure-key');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('uses the utility deployment for titles', async () => {
    const llm = createAzureOpenAiClient({
      ...common,
      endpoint: server.origin,
      apiKey: 'azure-key',
    });
    server.script([textAnswer('A title')]);
    await collect(llm.stream({ purpose: 'utility', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(server.requests[0]?.deployment).toBe('coach-mini');
  });

  it('authenticates with an Entra bearer token when there is no key', async () => {
    let asked = 0;
    const llm = createAzureOpenAiClient({
      ...common,
      endpoint: server.origin,
      tokenProvider: async () => `entra-token-${++asked}`,
    });
    server.script([
      toolCallAnswer([{ name: 'crm__pipeline_summary', arguments: { quarter: '2026-Q4' } }]),
    ]);
    const chunks = await collect(
      llm.stream({ purpose: 'chat', messages: [{ role: 'user', content: 'Pipeline?' }] }),
    );

    expect(chunks.find((c) => c.type === 'tool_call')).toMatchObject({
      call: { name: 'crm__pipeline_summary', arguments: '{"quarter":"2026-Q4"}' },
    });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer entra-token-1');
    expect(server.requests[0]?.headers['api-key']).toBeUndefined();
  });
});
