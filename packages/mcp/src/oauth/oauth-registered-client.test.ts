import { randomBytes } from 'node:crypto';
import { mcpServerSchema } from '@salescoach/config';
import { openMcpCredentialStore } from '@salescoach/store';
import { createMemoryStore } from '@salescoach/store/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHub, type McpHub } from '../mcp-hub.js';
import {
  type OAuthAuthorizationServer,
  type OAuthProtectedMcpServer,
  oauthServerEntry,
  startOAuthAuthorizationServer,
  startOAuthProtectedMcpServer,
} from '../testing/index.js';
import { testUser } from '../testing/test-user.js';
import { createMcpOAuth } from './mcp-oauth.js';

const alex = testUser('alex');
const REDIRECT = 'http://127.0.0.1:3998/oauth/callback';

describe('oauth with a client registered by hand (clientId, clientSecretEnv)', () => {
  let as: OAuthAuthorizationServer;
  let notes: OAuthProtectedMcpServer;
  let hub: McpHub;
  const store = createMemoryStore();
  const credentials = openMcpCredentialStore(store.mcpCredentials, randomBytes(32));
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    as = await startOAuthAuthorizationServer();
    notes = await startOAuthProtectedMcpServer({ issuer: as.issuer });
    // The administrator's registration, made ahead of time (here through the same endpoint).
    const registered = await fetch(`${as.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [REDIRECT], client_name: 'SalesCoach (by hand)' }),
    });
    const client = (await registered.json()) as { client_id: string; client_secret: string };
    secrets.set('NOTES_CLIENT_SECRET', client.client_secret);
    const config = mcpServerSchema.parse(
      oauthServerEntry(notes.url, {
        auth: { oauth: { clientId: client.client_id, clientSecretEnv: 'NOTES_CLIENT_SECRET' } },
      }),
    );
    const oauth = createMcpOAuth({
      servers: [config],
      store: credentials,
      publicApiUrl: 'http://127.0.0.1:3998',
      resolveSecret: (name) => secrets.get(name),
    });
    hub = createMcpHub({ servers: [config], oauth });
  });
  afterAll(async () => {
    await hub?.close();
    await notes?.close();
    await as?.close();
  });

  it('uses that client (no registration is made or stored), and the tools work', async () => {
    const { authorizationUrl } = await hub.connections.connect(alex, 'notes');
    const back = await as.authorize(authorizationUrl, { login: 'alex' });
    const finished = await hub.connections.complete({
      code: back.searchParams.get('code') ?? undefined,
      state: back.searchParams.get('state') ?? undefined,
    });
    expect(finished).toEqual({ ok: true, server: 'notes', userId: alex.id });
    expect(await credentials.client('notes')).toBeUndefined();
    expect(await hub.call('notes__whoami', {}, { user: alex, role: 'Sales' })).toMatchObject({
      ok: true,
      text: 'you are alex',
    });
  });

  it('a wrong secret: the code exchange is refused and nothing is connected', async () => {
    secrets.set('NOTES_CLIENT_SECRET', 'not-the-secret');
    await hub.connections.disconnect(alex, 'notes');
    const { authorizationUrl } = await hub.connections.connect(alex, 'notes');
    const back = await as.authorize(authorizationUrl, { login: 'alex' });
    const finished = await hub.connections.complete({
      code: back.searchParams.get('code') ?? undefined,
      state: back.searchParams.get('state') ?? undefined,
    });
    expect(finished).toEqual({
      ok: false,
      server: 'notes',
      error: 'The authorization server refused the sign-in',
    });
    expect((await hub.connections.list(alex))[0]?.status).toBe('not_connected');
  });
});
