import { fileURLToPath } from 'node:url';
import type { McpServerConfig } from '@salescoach/config';
import { KNOWN_ROLES, type User } from '@salescoach/domain';
import { type RunningCrmServer, startCrmServer } from '@salescoach/mcp-crm';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './testing/wait-until.js';
import { createMcpHub, type McpHub } from './mcp-hub.js';
import {
  LONG_TOOL_NAME,
  ODD_TOOL_NAME,
  startTestMcpServer,
  type TestMcpServer,
} from './test-mcp-server.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const user: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};
const as = (role: string, extra: { token?: string; signal?: AbortSignal } = {}) => ({
  user,
  role,
  token: alexToken,
  ...extra,
});
const sam: User = { ...user, id: 'sam', name: 'Sam Chen', email: 'sam@salescoach.dev' };
/** Alex's API token (audience salescoach-api): what the hub exchanges, never what it sends. */
let alexToken: string;
let samToken: string;
let authority: DevAuthority;

let crm: RunningCrmServer;
let open: TestMcpServer;
let tokened: TestMcpServer;
let keyed: TestMcpServer;
let hub: McpHub;

const http = (name: string, url: string, more: Partial<McpServerConfig> = {}): McpServerConfig =>
  ({
    name,
    description: `${name} server`,
    transport: 'streamable-http',
    url,
    roles: ['Sales'],
    auth: 'none',
    timeoutMs: 5_000,
    ...more,
  }) as McpServerConfig;

beforeAll(async () => {
  authority = await startDevAuthority();
  [alexToken, samToken] = await Promise.all([authority.token('alex'), authority.token('sam')]);
  [crm, open, tokened, keyed] = await Promise.all([
    startCrmServer({ port: 0, auth: authority.crmAuth }),
    startTestMcpServer(),
    startTestMcpServer(),
    startTestMcpServer(),
  ]);
  hub = createMcpHub({
    servers: [
      http('crm', crm.url, {
        description: 'Sales CRM',
        roles: ['Sales', 'Manager'],
        auth: 'obo',
        timeoutMs: 15_000,
      }),
      {
        name: 'playbook',
        description: 'Sales playbook',
        transport: 'stdio',
        command: 'node',
        args: ['--import', 'tsx', 'apps/mcp-playbook/src/main.ts'],
        env: {},
        cwd: repoRoot,
        roles: ['Sales', 'Manager', 'HR'],
        auth: 'none',
        timeoutMs: 15_000,
      },
      http('open', open.url, { timeoutMs: 400 }),
      http('tokened', tokened.url, { auth: 'obo' }),
      http('keyed', keyed.url, { auth: { bearerEnv: 'KEYED_SECRET' } }),
      http('down', 'http://127.0.0.1:9/mcp'),
    ],
    resolveSecret: (name) => (name === 'KEYED_SECRET' ? 'service-secret' : undefined),
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    maxResultChars: 1_000,
    delegatedTokens: authority.delegatedTokens,
  });
  hub.start();
  await hub.ready();
});

afterAll(async () => {
  await hub.close();
  await Promise.all([crm.close(), open.close(), tokened.close(), keyed.close()]);
  await authority.close();
});

describe('MCP hub: discovery and naming', () => {
  it('connects every reachable server without waiting for the one that is down', () => {
    const status = Object.fromEntries(hub.status().map((s) => [s.name, s]));
    for (const name of ['crm', 'playbook', 'open', 'tokened', 'keyed']) {
      expect(status[name]?.connected, name).toBe(true);
      expect(status[name]?.toolCount, name).toBeGreaterThan(0);
    }
    expect(status.down?.connected).toBe(false);
    expect(status.down?.lastError).toBeTruthy();
    expect(status.crm?.toolCount).toBeGreaterThanOrEqual(7);
  });

  it('exposes tools as server__tool with [A-Za-z0-9_-]{1,64} names and the server description', () => {
    const tools = hub.toolsFor('Sales');
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'crm__pipeline_summary',
        'crm__forecast',
        'playbook__search_playbook',
        'open__echo',
      ]),
    );
    for (const t of tools) expect(t.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(new Set(names).size).toBe(names.length);
    const odd = tools.find((t) => t.server === 'open' && t.tool === ODD_TOOL_NAME);
    expect(odd?.name).toBe('open__odd_dotted_name');
    const long = tools.find((t) => t.server === 'open' && t.tool === LONG_TOOL_NAME);
    expect(long?.name.length).toBe(64);
    const forecast = tools.find((t) => t.name === 'crm__forecast');
    expect(forecast?.description).toMatch(/^\[crm: Sales CRM\] /);
    expect(forecast?.outputSchema).toBeTruthy();
  });

  it('calls a tool through its sanitised name and gets the original tool', async () => {
    const long = hub.toolsFor('Sales').find((t) => t.tool === LONG_TOOL_NAME)!;
    const outcome = await hub.call(long.name, {}, as('Sales'));
    expect(outcome).toMatchObject({ ok: true, server: 'open', tool: LONG_TOOL_NAME });
    expect(open.calls).toContain(LONG_TOOL_NAME);
  });

  it('returns structured content, text and duration', async () => {
    const outcome = await hub.call(
      'crm__pipeline_summary',
      { quarter: 'this quarter', groupBy: 'stage' },
      as('Manager'),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.structuredContent).toMatchObject({ groupBy: 'stage', rows: expect.any(Array) });
    expect(outcome.text).toMatch(/by stage/);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('caps a large result and says so', async () => {
    const outcome = await hub.call('open__big', { chars: 5_000 }, as('Sales'));
    expect(outcome.ok).toBe(true);
    expect(outcome.truncated).toBe(true);
    expect(outcome.text.length).toBeLessThan(1_100);
  });

  it('refreshes a server tools on notifications/tools/list_changed', async () => {
    open.addTool('late_tool');
    await waitUntil(() => hub.toolsFor('Sales').some((t) => t.name === 'open__late_tool'));
    expect((await hub.call('open__late_tool', {}, as('Sales'))).ok).toBe(true);
  });
});

describe('MCP hub: role matrix', () => {
  const allowed: Record<string, readonly string[]> = {
    crm: ['Sales', 'Manager'],
    playbook: ['Sales', 'Manager', 'HR'],
  };
  const probe: Record<string, [string, Record<string, unknown>]> = {
    crm: ['crm__list_reps', {}],
    playbook: ['playbook__search_playbook', { query: 'price objection' }],
  };
  const cases = KNOWN_ROLES.flatMap((role) =>
    Object.keys(allowed).map((server) => [role, server] as const),
  );

  it.each(cases)('%s × %s', async (role, server) => {
    const may = allowed[server]!.includes(role);
    const listed = hub.toolsFor(role).some((t) => t.server === server);
    expect(listed).toBe(may);
    expect(hub.serversFor(role).some((s) => s.name === server)).toBe(may);
    const [tool, args] = probe[server]!;
    const outcome = await hub.call(tool, args, as(role, { token: alexToken }));
    expect(outcome.ok).toBe(may);
    expect(outcome.refused ?? false).toBe(!may);
    if (!may) expect(outcome.error).toMatch(new RegExp(`not available to the ${role} role`));
  });
});

describe('MCP hub: argument validation', () => {
  it.each([
    ['open__echo', { text: 42 }, /\$\.text: expected string/],
    ['open__echo', {}, /\$\.text: is required/],
    ['open__echo', { text: 'hi', extra: 1 }, /\$\.extra: is not an accepted argument/],
    ['open__echo', { text: 'hi', times: 9 }, /\$\.times: must be <= 3/],
    ['crm__list_opportunities', { stage: 'Won' }, /\$\.stage: must be one of/],
    ['crm__list_opportunities', { limit: 500 }, /\$\.limit: must be <= 100/],
    ['open__echo', ['not', 'an', 'object'], /must be an object/],
  ])('%s %j is refused before it reaches the server', async (tool, args, message) => {
    const before = open.calls.length;
    const outcome = await hub.call(tool, args, as('Sales'));
    expect(outcome).toMatchObject({ ok: false, refused: true });
    expect(outcome.error).toMatch(message);
    expect(open.calls.length).toBe(before);
  });

  it('refuses an unknown tool', async () => {
    expect(await hub.call('nope__nothing', {}, as('Sales'))).toMatchObject({
      ok: false,
      refused: true,
      error: 'Unknown tool "nope__nothing"',
    });
  });

  it('reports a server-side isError as a failed call with its message', async () => {
    const outcome = await hub.call('crm__forecast', { quarter: 'someday' }, as('Sales'));
    expect(outcome).toMatchObject({ ok: false, server: 'crm', tool: 'forecast' });
    expect(outcome.refused).toBeUndefined();
    expect(outcome.error).toMatch(/quarter "someday"/);
  });
});

describe('MCP hub: timeouts and cancellation', () => {
  it('a slow tool hits the server timeout and the hub stays usable', async () => {
    const outcome = await hub.call('open__slow', { ms: 10_000 }, as('Sales'));
    expect(outcome).toMatchObject({ ok: false, server: 'open', tool: 'slow' });
    expect(outcome.error).toBe('open did not answer within 400 ms');
    expect((await hub.call('open__echo', { text: 'still here' }, as('Sales'))).text).toBe(
      'still here',
    );
  });

  it('an abort mid-call ends the call and cancels it on the server', async () => {
    const cancelledBefore = open.cancelled;
    const controller = new AbortController();
    const pending = hub.call(
      'open__slow',
      { ms: 10_000 },
      as('Sales', { signal: controller.signal }),
    );
    await waitUntil(() => open.calls.filter((c) => c === 'slow').length >= 2);
    controller.abort();
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, error: 'The tool call was cancelled' });
    await waitUntil(() => open.cancelled > cancelledBefore);
  });

  it('an already aborted signal does not call the server', async () => {
    const before = open.calls.length;
    const outcome = await hub.call(
      'open__echo',
      { text: 'x' },
      as('Sales', { signal: AbortSignal.abort() }),
    );
    expect(outcome.ok).toBe(false);
    expect(open.calls.length).toBe(before);
  });
});

describe('MCP hub: credentials', () => {
  const claimsOf = (header: string | undefined) =>
    decodeJwt((header ?? '').replace(/^Bearer /, ''));

  it('sends an obo server a token issued for it on behalf of the asker, never the API token', async () => {
    tokened.authorizations.length = 0;
    const [a, b] = await Promise.all([
      hub.call('tokened__whoami', {}, as('Sales', { token: alexToken })),
      hub.call('tokened__whoami', {}, { user: sam, role: 'Sales', token: samToken }),
    ]);
    for (const [outcome, who] of [
      [a, 'dev:alex'],
      [b, 'dev:sam'],
    ] as const) {
      const claims = claimsOf(outcome.text);
      expect(claims).toMatchObject({ aud: tokened.url, sub: who, iss: 'salescoach-dev' });
      expect(claims.act).toEqual({ sub: 'salescoach-api' });
    }
    expect(tokened.authorizations).not.toContain(`Bearer ${alexToken}`);
    expect(tokened.authorizations).not.toContain(`Bearer ${samToken}`);
    expect(tokened.authorizations.every((h) => claimsOf(h).aud === tokened.url)).toBe(true);

    expect((await hub.call('open__whoami', {}, as('Sales', { token: alexToken }))).text).toBe(
      'none',
    );
    expect((await hub.call('keyed__whoami', {}, as('Sales', { token: alexToken }))).text).toBe(
      'Bearer service-secret',
    );
    expect(open.authorizations.every((h) => h === undefined)).toBe(true);
    expect(keyed.authorizations.every((h) => h === 'Bearer service-secret')).toBe(true);
  });

  it("connects and lists tools with the API's own token for the server, which carries no user", async () => {
    await hub.refresh('tokened');
    const outsideCalls = tokened.authorizations
      .map(claimsOf)
      .filter((c) => c.sub === 'salescoach-api');
    expect(outsideCalls.length).toBeGreaterThan(0);
    expect(outsideCalls.every((c) => c.aud === tokened.url && c.email === undefined)).toBe(true);
  });

  it('a failed exchange fails that call with a clear message, and the server sees nothing', async () => {
    const before = tokened.authorizations.length;
    // A user with no cached token yet, whose token the issuer refuses.
    const refused = await hub.call(
      'tokened__whoami',
      {},
      {
        user: { ...user, id: 'dev:riley' },
        role: 'Sales',
        token: 'not-a-token',
      },
    );
    expect(refused).toMatchObject({ ok: false, server: 'tokened', tool: 'whoami' });
    expect(refused.error).toBe(
      'Could not get access to tokened on your behalf: the token service refused the exchange (invalid_grant)',
    );
    const anonymous = await hub.call('tokened__whoami', {}, as('Sales', { token: undefined }));
    expect(anonymous.error).toBe(
      'Could not get access to tokened on your behalf: no sign-in token came with the question',
    );
    expect(tokened.authorizations.length).toBe(before);
  });

  it('the CRM resolves "me" from the exchanged token', async () => {
    const outcome = await hub.call(
      'crm__list_opportunities',
      { owner: 'me', limit: 1 },
      as('Sales', { token: alexToken }),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.structuredContent).toMatchObject({ owner: 'alex' });
  });

  it('refuses to build a hub with an obo server and no delegated token source', () => {
    expect(() => createMcpHub({ servers: [http('x', tokened.url, { auth: 'obo' })] })).toThrow(
      /x use auth "obo", but no delegated token source is configured/,
    );
  });
});
