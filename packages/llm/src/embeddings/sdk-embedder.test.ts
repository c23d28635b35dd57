import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureOpenAiEmbedder } from '../azure-openai/create-azure-openai-client.js';
import { createOpenAiEmbedder } from '../openai/create-openai-client.js';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from '../testing/index.js';

let server: ScriptedOpenAiServer;
beforeAll(async () => {
  server = await startScriptedOpenAiServer();
});
afterAll(async () => {
  await server.close();
});

describe('embedders (real openai SDK against the scripted server)', () => {
  it('OpenAI: sends the model and the text, returns the vector', async () => {
    server.setEmbedding((text) => [text.length, 1, 0]);
    const embedder = createOpenAiEmbedder({
      apiKey: 'k',
      baseURL: server.url,
      model: 'text-embedding-3-small',
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    expect(await embedder.embed('pipeline')).toEqual([8, 1, 0]);
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/embeddings');
    expect(request?.body).toMatchObject({ model: 'text-embedding-3-small', input: 'pipeline' });
  });

  it('Azure: the deployment goes in the path with the api-version and api-key', async () => {
    server.setEmbedding(() => [0.5, 0.5]);
    const embedder = createAzureOpenAiEmbedder({
      endpoint: server.origin,
      apiKey: 'azure-key',
      apiVersion: '2024-10-21',
      deployment: 'embed-dep',
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    expect(await embedder.embed('forecast')).toEqual([0.5, 0.5]);
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/openai/deployments/embed-dep/embeddings?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe('azure-key');
  });

  it('maps a failing server to a domain error', async () => {
    const embedder = createOpenAiEmbedder({
      apiKey: 'k',
      baseURL: `${server.origin}/nowhere/v1`,
      model: 'm',
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    await expect(embedder.embed('x')).rejects.toMatchObject({ name: 'DomainError' });
  });
});
