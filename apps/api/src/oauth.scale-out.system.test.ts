import { randomBytes } from 'node:crypto';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import {
  oauthServerEntry,
  type OAuthAuthorizationServer,
  type OAuthProtectedMcpServer,
  startOAuthAuthorizationServer,
  startOAuthProtectedMcpServer,
} from '@salescoach/mcp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack } from './testing/index.js';
import { startInstancePair, type InstancePair } from './testing/instance-pair.js';

/**
 * Two API instances behind one public origin (BUS=redis, one SQLite store, one
 * MCP_TOKEN_KEY): a connection started on A is finished by a callback that reaches B, and
 * either instance then uses, refreshes and disconnects it.
 */
const PUBLIC = 'http://salescoach.invalid';
let as: OAuthAuthorizationServer;
let notes: OAuthProtectedMcpServer;
let model: ScriptedOpenAiServer;
let pair: InstancePair;
let a: TestStack;
let b: TestStack;

beforeAll(async () => {
  as = await startOAuthAuthorizationServer();
  [notes, model] = await Promise.all([
    startOAuthProtectedMcpServer({ issuer: as.issuer }),
    startScriptedOpenAiServer(),
  ]);
  pair = await startInstancePair({
    crm: false,
    openAiBaseUrl: model.url,
    env: { PUBLIC_API_URL: PUBLIC, MCP_TOKEN_KEY: randomBytes(32).toString('base64') },
    extraServers: [oauthServerEntry(notes.url)],
  });
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
  await Promise.allSettled([notes?.close(), model?.close()]);
  await as?.close();
});

/** The load balancer: the public callback URL, sent to one instance. */
const via = (stack: TestStack, back: URL): string =>
  `${stack.server.url}${back.pathname}${back.search}`;

describe('oauth connections across instances', () => {
  it('connect on A, callback on B, tools on both; disconnect on B shows on A', async () => {
    const { authorizationUrl } = await a
      .client('alex')
      .api.connections.connect.mutate({ server: 'notes' });
    const back = await as.authorize(authorizationUrl, { login: 'alex' });
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC}/oauth/callback`);
    const callback = await fetch(via(b, back), { redirect: 'manual' });
    expect(callback.headers.get('location')).toBe(
      'http://localhost:4173/connections?connected=notes',
    );

    for (const stack of [a, b]) {
      expect((await stack.client('alex').api.connections.list.query())[0]?.status).toBe(
        'connected',
      );
      const offer = await stack.server.composition.hub.offerFor('Sales', 'dev:alex');
      expect(offer.tools.map((t) => t.name)).toContain('notes__whoami');
    }

    expect(await b.client('alex').api.connections.disconnect.mutate({ server: 'notes' })).toEqual({
      disconnected: true,
      revoked: true,
    });
    const afterwards = await a.server.composition.hub.offerFor('Sales', 'dev:alex');
    expect(afterwards.tools.map((t) => t.name)).not.toContain('notes__whoami');
    expect(afterwards.unconnected.map((s) => s.name)).toEqual(['notes']);
  });
});
