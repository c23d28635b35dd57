import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mcpServerSchema } from '@salescoach/config';
import type { McpCredentialStore, Store, User } from '@salescoach/domain';
import { openMcpCredentialStore } from '@salescoach/store';
import { openSqliteStore } from '@salescoach/store/sqlite';
import { decodeJwt } from 'jose';
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
import { createMcpOAuth, PENDING_TTL_MS } from './mcp-oauth.js';

const alex = testUser('alex');
const sam = testUser('sam');
const riley = testUser('riley', ['HR']);
const CONNECT = 'Connect notes to use its tools';

describe('oauth MCP servers: per-user OAuth 2.1 against a real authorization server', () => {
  let as: OAuthAuthorizationServer;
  let notes: OAuthProtectedMcpServer;
  let other: OAuthProtectedMcpServer;
  let dir: string;
  let store: Store;
  let credentials: McpCredentialStore;
  let hub: McpHub;
  let clock = Date.now();
  /** While set, the authorization server's token endpoint cannot be reached. */
  let outage = false;
  const flakyFetch: typeof fetch = (url, init) =>
    outage && (url instanceof Request ? url.url : url.toString()).endsWith('/token')
      ? Promise.reject(new TypeError('fetch failed'))
      : fetch(url, init);
  const accessTokenTtlSeconds = 300;

  beforeAll(async () => {
    as = await startOAuthAuthorizationServer({ accessTokenTtlSeconds });
    notes = await startOAuthProtectedMcpServer({ issuer: as.issuer });
    other = await startOAuthProtectedMcpServer({ issuer: as.issuer });
    dir = mkdtempSync(join(tmpdir(), 'oauth-flow-'));
    store = openSqliteStore({ file: join(dir, 'store.db') });
    credentials = openMcpCredentialStore(store.mcpCredentials, randomBytes(32));
    const config = mcpServerSchema.parse(oauthServerEntry(notes.url, { roles: ['Sales'] }));
    const oauth = createMcpOAuth({
      servers: [config],
      store: credentials,
      publicApiUrl: 'http://127.0.0.1:3999',
      now: () => clock,
      fetch: flakyFetch,
    });
    hub = createMcpHub({ servers: [config], oauth });
    hub.start();
    await hub.ready();
  });
  afterAll(async () => {
    await hub?.close();
    await store?.close();
    await Promise.all([notes?.close(), other?.close()]);
    await as?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Connect → sign in and consent at the authorization server → the redirect back. */
  async function connect(who: User, consent = true): Promise<URL> {
    const { authorizationUrl } = await hub.connections.connect(who, 'notes');
    return as.authorize(authorizationUrl, { login: who.id.slice(4), consent });
  }
  const finish = (back: URL) =>
    hub.connections.complete({
      code: back.searchParams.get('code') ?? undefined,
      state: back.searchParams.get('state') ?? undefined,
      error: back.searchParams.get('error') ?? undefined,
    });
  const whoami = (who: User) => hub.call('notes__whoami', {}, { user: who, role: 'Sales' });

  it('offers nothing of the server before consent, names it unconnected, and answers a call with "Connect notes"', async () => {
    const offer = await hub.offerFor('Sales', alex.id);
    expect(offer.tools.filter((t) => t.server === 'notes')).toEqual([]);
    expect(offer.unconnected).toEqual([{ name: 'notes', description: 'Team notes' }]);
    expect(await hub.connections.list(alex)).toEqual([
      { server: 'notes', description: 'Team notes', status: 'not_connected' },
    ]);
    expect(await hub.connections.list(riley)).toEqual([]);
    await expect(hub.connections.connect(riley, 'notes')).rejects.toThrow(/No server notes/);
    expect((await whoami(alex)).error).toBe(CONNECT);
  });

  it('starts an authorization with PKCE (S256), the resource indicator and a state', async () => {
    const { authorizationUrl } = await hub.connections.connect(alex, 'notes');
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(as.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('resource')).toBe(notes.url);
    expect(url.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3999/oauth/callback');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    // The client was registered dynamically, and kept.
    expect((await credentials.client('notes'))?.client_id).toBe(url.searchParams.get('client_id'));
  });

  it('after consent the tools appear for that user only, and calls carry a token for the server', async () => {
    expect(await finish(await connect(alex))).toEqual({
      ok: true,
      server: 'notes',
      userId: alex.id,
    });
    const mine = await hub.offerFor('Sales', alex.id);
    expect(mine.tools.map((t) => t.name).sort()).toEqual(['notes__note', 'notes__whoami']);
    expect(mine.servers).toContainEqual({ name: 'notes', description: 'Team notes' });
    expect(mine.unconnected).toEqual([]);
    const theirs = await hub.offerFor('Sales', sam.id);
    expect(theirs.tools).toEqual([]);
    expect(theirs.unconnected.map((s) => s.name)).toEqual(['notes']);
    expect(hub.toolsFor('Sales')).toEqual([]);

    const [listed] = await hub.connections.list(alex);
    expect(listed).toMatchObject({ server: 'notes', status: 'connected', scope: 'mcp:tools' });
    expect(Date.parse(listed!.connectedAt!)).toBe(clock);

    const result = await whoami(alex);
    expect(result).toMatchObject({ ok: true, text: 'you are alex' });
    const call = notes.calls.at(-1)!;
    expect(call).toMatchObject({ tool: 'whoami', subject: 'alex', audience: notes.url });

    const before = notes.calls.length;
    expect((await whoami(sam)).error).toBe(CONNECT);
    expect(notes.calls.length).toBe(before);
  });

  it('refreshes an access token about to expire, through the SDK, and keeps using the connection', async () => {
    const first = notes.calls.at(-1)!.tokenId;
    const stored = await credentials.tokens(alex.id, 'notes');
    expect(stored!.expiresAt).toBe(clock + accessTokenTtlSeconds * 1_000);
    clock += accessTokenTtlSeconds * 1_000;
    expect(await whoami(alex)).toMatchObject({ ok: true, text: 'you are alex' });
    const refreshed = notes.calls.at(-1)!;
    expect(refreshed.tokenId).not.toBe(first);
    expect(refreshed.audience).toBe(notes.url);
    const after = await credentials.tokens(alex.id, 'notes');
    expect(after!.expiresAt).toBe(clock + accessTokenTtlSeconds * 1_000);
    expect(after!.connectedAt).toBe(stored!.connectedAt);
  });

  it('a token the server refuses before it expires is refreshed once, and the call goes through', async () => {
    const refused = notes.calls.at(-1)!.tokenId!;
    notes.revokeToken(refused);
    expect(await whoami(alex)).toMatchObject({ ok: true, text: 'you are alex' });
    expect(notes.refusals).toContain('the token was revoked');
    expect(notes.calls.at(-1)!.tokenId).not.toBe(refused);
  });

  it('an authorization server that cannot be reached fails the call but keeps the connection', async () => {
    clock += accessTokenTtlSeconds * 1_000;
    outage = true;
    const failed = await whoami(alex);
    outage = false;
    expect(failed.ok).toBe(false);
    expect(failed.error).not.toBe(CONNECT);
    expect((await hub.connections.list(alex))[0]?.status).toBe('connected');
    expect(await whoami(alex)).toMatchObject({ ok: true, text: 'you are alex' });
  });

  it('the server refuses the same user\u2019s token presented to another resource', async () => {
    const { accessToken } = (await credentials.tokens(alex.id, 'notes'))!;
    expect(decodeJwt(accessToken).aud).toBe(notes.url);
    const response = await fetch(other.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(other.refusals).toContain('the token was not issued for this server');
  });

  it('refuses a replayed, a forged and an expired state', async () => {
    const used = {
      ok: false,
      error: 'This sign-in has expired or was already used: connect again',
    };
    const back = await connect(sam);
    expect((await finish(back)).ok).toBe(true);
    expect(await finish(back)).toEqual(used);
    expect(
      await hub.connections.complete({ code: 'x', state: randomBytes(32).toString('base64url') }),
    ).toEqual(used);
    expect(await hub.connections.complete({ code: 'x' })).toEqual(used);

    const late = await connect(sam);
    clock += PENDING_TTL_MS + 1;
    expect(await finish(late)).toEqual(used);
  });

  it('a refused consent connects nothing and uses up its state', async () => {
    const refused = await connect(testUser('casey'), false);
    expect(refused.searchParams.get('error')).toBe('access_denied');
    expect(await finish(refused)).toEqual({
      ok: false,
      server: 'notes',
      error: 'Access was not granted',
    });
    expect((await finish(refused)).ok).toBe(false);
    expect(await credentials.tokens('dev:casey', 'notes')).toBeUndefined();
  });

  it('a refresh the authorization server refuses marks the connection needs_reconnect', async () => {
    const { refreshToken } = (await credentials.tokens(sam.id, 'notes'))!;
    expect(await whoami(sam)).toMatchObject({ ok: true, text: 'you are sam' });
    // The user withdraws the grant at the authorization server.
    const grant = await as.provider.RefreshToken.find(refreshToken!);
    await grant!.destroy();
    clock += accessTokenTtlSeconds * 1_000;
    expect((await whoami(sam)).error).toBe(CONNECT);
    expect((await hub.connections.list(sam))[0]?.status).toBe('needs_reconnect');
    expect((await hub.offerFor('Sales', sam.id)).unconnected.map((s) => s.name)).toEqual(['notes']);
    // Connecting again puts it right.
    expect((await finish(await connect(sam))).ok).toBe(true);
    expect((await hub.connections.list(sam))[0]?.status).toBe('connected');
    expect(await whoami(sam)).toMatchObject({ ok: true, text: 'you are sam' });
  });

  it('disconnect revokes at the authorization server and deletes the tokens', async () => {
    const { refreshToken } = (await credentials.tokens(alex.id, 'notes'))!;
    expect(await as.isActive(refreshToken!)).toBe(true);
    expect(await hub.connections.disconnect(alex, 'notes')).toEqual({
      disconnected: true,
      revoked: true,
    });
    expect(await as.isActive(refreshToken!)).toBe(false);
    expect(await credentials.tokens(alex.id, 'notes')).toBeUndefined();
    expect((await whoami(alex)).error).toBe(CONNECT);
    expect((await hub.offerFor('Sales', alex.id)).unconnected.map((s) => s.name)).toEqual([
      'notes',
    ]);
    expect(await hub.connections.disconnect(alex, 'notes')).toEqual({
      disconnected: false,
      revoked: false,
    });
  });

  it('the database files hold no token in plaintext', async () => {
    await finish(await connect(alex));
    const { accessToken, refreshToken } = (await credentials.tokens(alex.id, 'notes'))!;
    const bytes = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');
    expect(bytes).toContain(alex.id);
    expect(bytes).not.toContain(accessToken);
    expect(bytes).not.toContain(accessToken.split('.')[1]!);
    expect(bytes).not.toContain(refreshToken!);
  });
});
