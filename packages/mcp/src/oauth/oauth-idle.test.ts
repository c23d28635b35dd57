import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { mcpServerSchema } from '@salescoach/config';
import type { Logger } from '@salescoach/domain';
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

const IDLE_MS = 300;
const alex = testUser('alex');

/** A logger that emits each line as an event named by its message, with its fields. */
function eventLogger(events: EventEmitter, bound: Record<string, unknown> = {}): Logger {
  const log = (fields: Record<string, unknown>, message: string) =>
    events.emit(message, { ...bound, ...fields });
  return {
    debug: log,
    info: log,
    warn: log,
    error: log,
    child: (fields) => eventLogger(events, { ...bound, ...fields }),
  };
}

describe('an idle per-user connection to an oauth server', () => {
  let as: OAuthAuthorizationServer;
  let notes: OAuthProtectedMcpServer;
  let hub: McpHub;
  const lines = new EventEmitter();

  beforeAll(async () => {
    as = await startOAuthAuthorizationServer();
    notes = await startOAuthProtectedMcpServer({ issuer: as.issuer });
    const config = mcpServerSchema.parse(oauthServerEntry(notes.url, { roles: ['Sales'] }));
    const oauth = createMcpOAuth({
      servers: [config],
      store: openMcpCredentialStore(createMemoryStore().mcpCredentials, randomBytes(32)),
      publicApiUrl: 'http://127.0.0.1:3997',
    });
    hub = createMcpHub({
      servers: [config],
      oauth,
      oauthIdleMs: IDLE_MS,
      logger: eventLogger(lines),
    });
    hub.start();
    await hub.ready();
    const { authorizationUrl } = await hub.connections.connect(alex, 'notes');
    const back = await as.authorize(authorizationUrl, { login: 'alex' });
    const finished = await hub.connections.complete({
      code: back.searchParams.get('code') ?? undefined,
      state: back.searchParams.get('state') ?? undefined,
    });
    expect(finished.ok).toBe(true);
  });
  afterAll(async () => {
    await hub?.close();
    await notes?.close();
    await as?.close();
  });

  const whoami = () => hub.call('notes__whoami', {}, { user: alex, role: 'Sales' });
  const open = () => hub.status().find((s) => s.name === 'notes')?.connected;
  /** The next event's arguments (a log line's fields); rejects when none comes within 5 s. */
  const next = async (events: EventEmitter, name: string): Promise<unknown[]> =>
    once(events, name, { signal: AbortSignal.timeout(5_000) });

  it('is kept while in use, closed once unused for its idle time, and opened again by the next call', async () => {
    const sessions: string[] = [];
    notes.events.on('session', (_subject: string, id: string) => sessions.push(id));
    const opened = next(lines, 'MCP server connected');
    const closed = next(lines, 'Idle MCP connection closed for a user');
    const gone = next(notes.events, 'stream-closed');
    const usedAt = Date.now();
    expect(await whoami()).toMatchObject({ ok: true, text: 'you are alex' });
    expect((await hub.offerFor('Sales', alex.id)).tools.map((t) => t.name)).toContain(
      'notes__whoami',
    );
    expect(await whoami()).toMatchObject({ ok: true, text: 'you are alex' });
    expect(await opened).toEqual([
      expect.objectContaining({ mcpServer: 'notes', userId: alex.id }),
    ]);
    // One connection, one MCP session, for every use within the idle time.
    expect(sessions).toHaveLength(1);
    expect(open()).toBe(true);

    // Unused for IDLE_MS: the hub closes it, and the server sees its client go.
    expect(await closed).toEqual([
      expect.objectContaining({ mcpServer: 'notes', userId: alex.id, idleMs: IDLE_MS }),
    ]);
    expect(await gone).toEqual(['alex', sessions[0]]);
    expect(Date.now() - usedAt).toBeGreaterThanOrEqual(IDLE_MS);
    expect(open()).toBe(false);

    // The next call opens a new connection (a new MCP session) with alex's token.
    const reopened = next(lines, 'MCP server connected');
    expect(await whoami()).toMatchObject({ ok: true, text: 'you are alex' });
    expect(await reopened).toEqual([
      expect.objectContaining({ mcpServer: 'notes', userId: alex.id }),
    ]);
    expect(sessions).toHaveLength(2);
    expect(open()).toBe(true);
    expect(notes.calls.map((c) => `${c.tool}:${c.subject}`)).toEqual([
      'whoami:alex',
      'whoami:alex',
      'whoami:alex',
    ]);
  });
});
