import { fileURLToPath } from 'node:url';
import type { McpServerConfig } from '@salescoach/config';
import { KNOWN_ROLES, type User } from '@salescoach/domain';
import { type RunningCrmServer, startCrmServer } from '@salescoach/mcp-crm';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  ...extra,
});
const alexToken = new UnsecuredJWT({ sub: 'alex', email: 'alex@salescoach.dev' })
  .setIssuedAt()
  .setExpirationTime('5m')
  .encode();

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
  [crm, open, tokened, keyed] = await Promise.all([
    startCrmServer({ port: 0 }),
    startTestMcpServer(),
    startTestMcpServer(),
    startTestMcpServer(),
  ]);
  hub = createMcpHub({
    servers: [
      http('crm', crm.url, {
        description: 'Sales CRM',
        roles: ['Sales', 'Manager'],
        auth: 'user-token',
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
      http('tokened', tokened.url, { auth: 'user-token' }),
      http('keyed', keyed.url, { auth: { bearerEnv: 'KEYED_SECRET' } }),
      http('down', 'http://127.0.0.1:9/mcp'),
    ],
    resolveSecret: (name) => (name === 'KEYED_SECRET' ? 'service-secret' : undefined),
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    maxResultChars: 1_000,
  });
  hub.start();
  await hub.ready();
});

afterAll(async () => {
  await hub.close();
  await Promise.all([crm.close(), open.close(), tokened.close(), keyed.close()]);
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
    await waitFor(() => hub.toolsFor('Sales').some((t) => t.name === 'open__late_tool'));
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
    await waitFor(() => open.calls.filter((c) => c === 'slow').length >= 2);
    controller.abort();
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, error: 'The tool call was cancelled' });
    await waitFor(() => open.cancelled > cancelledBefore);
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
  it('sends the user token only to user-token servers, per request', async () => {
    const [a, b] = await Promise.all([
      hub.call('tokened__whoami', {}, as('Sales', { token: 'token-of-a' })),
      hub.call('tokened__whoami', {}, as('Sales', { token: 'token-of-b' })),
    ]);
    expect(a.text).toBe('Bearer token-of-a');
    expect(b.text).toBe('Bearer token-of-b');
    expect((await hub.call('tokened__whoami', {}, as('Sales'))).text).toBe('none');

    expect((await hub.call('open__whoami', {}, as('Sales', { token: 'token-of-a' }))).text).toBe(
      'none',
    );
    expect((await hub.call('keyed__whoami', {}, as('Sales', { token: 'token-of-a' }))).text).toBe(
      'Bearer service-secret',
    );
    expect(open.authorizations.every((h) => h === undefined)).toBe(true);
    expect(keyed.authorizations.every((h) => h === 'Bearer service-secret')).toBe(true);
    // The token is not kept on the shared transport: requests outside a call carry none.
    expect(
      tokened.authorizations
        .filter((h) => h !== undefined)
        .every((h) => h === 'Bearer token-of-a' || h === 'Bearer token-of-b'),
    ).toBe(true);
    expect(tokened.authorizations.some((h) => h === undefined)).toBe(true);
  });

  it('the CRM resolves "me" from the forwarded token', async () => {
    const outcome = await hub.call(
      'crm__list_opportunities',
      { owner: 'me', limit: 1 },
      as('Sales', { token: alexToken }),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.structuredContent).toMatchObject({ owner: 'alex' });
    const anonymous = await hub.call('crm__list_opportunities', { owner: 'me' }, as('Sales'));
    expect(anonymous.ok).toBe(false);
    expect(anonymous.error).toMatch(/token/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
