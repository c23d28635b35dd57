import { fileURLToPath } from 'node:url';
import type { McpServerConfig } from '@salescoach/config';
import type { User } from '@salescoach/domain';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { type RunningCrmServer, startCrmServer } from '@salescoach/mcp-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './testing/wait-until.js';
import { createMcpHub, type McpHub } from './mcp-hub.js';
import { startTestMcpServer, type TestMcpServer } from './test-mcp-server.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const user: User = {
  id: 'sam',
  tenantId: 'dev',
  name: 'Sam Chen',
  email: 'sam@salescoach.dev',
  roles: ['Sales'],
};
let authority: DevAuthority;
let ctx: { user: User; role: string; token: string };
const toDispose: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  authority = await startDevAuthority();
  ctx = { user, role: 'Sales', token: await authority.token('sam') };
});

afterAll(async () => {
  for (const d of toDispose.reverse()) await d.close();
  await authority.close();
});

function hubFor(servers: McpServerConfig[]): McpHub {
  const hub = createMcpHub({
    servers,
    reconnect: { initialDelayMs: 50, maxDelayMs: 300 },
    delegatedTokens: authority.delegatedTokens,
  });
  toDispose.push(hub);
  hub.start();
  return hub;
}

const crmConfig = (url: string): McpServerConfig => ({
  name: 'crm',
  description: 'Sales CRM',
  transport: 'streamable-http',
  url,
  roles: ['Sales'],
  auth: 'obo',
  timeoutMs: 10_000,
});

describe('MCP hub: recovery', () => {
  it('the CRM closed mid-call gives a clean failure; restarted on the same port, its tools come back', async () => {
    let arrived!: () => void;
    const atTheCrm = new Promise<void>((resolve) => (arrived = resolve));
    let crm: RunningCrmServer = await startCrmServer({
      port: 0,
      delayMs: 3_000,
      auth: authority.crmAuth,
      onToolCall: () => arrived(),
    });
    const port = crm.port;
    const hub = hubFor([crmConfig(crm.url)]);
    await hub.ready();
    expect(hub.toolsFor('Sales').some((t) => t.name === 'crm__list_reps')).toBe(true);

    const pending = hub.call('crm__list_reps', {}, ctx);
    await atTheCrm; // the call waits on the CRM's latency: close it now, mid-call
    await crm.close();
    const failed = await pending;
    expect(failed).toMatchObject({ ok: false, server: 'crm', tool: 'list_reps' });
    expect(failed.refused).toBeUndefined();
    expect(failed.error).toMatch(/^crm is unavailable: /);

    await waitUntil(() => hub.status()[0]?.connected === false, 15_000);
    expect(hub.toolsFor('Sales')).toEqual([]);
    expect(hub.status()[0]?.lastError).toBeTruthy();

    crm = await startCrmServer({ port, auth: authority.crmAuth });
    toDispose.push(crm);
    await waitUntil(() => hub.status()[0]?.connected === true, 15_000);
    expect(hub.toolsFor('Sales').some((t) => t.name === 'crm__list_reps')).toBe(true);
    const outcome = await hub.call('crm__list_reps', {}, ctx);
    expect(outcome.ok).toBe(true);
    expect(outcome.structuredContent).toMatchObject({
      rows: [expect.objectContaining({ id: 'sam' })],
    });
  });

  it('a server restarted between calls (its session gone) is reconnected and the call retried once', async () => {
    let server: TestMcpServer = await startTestMcpServer();
    const port = server.port;
    const hub = hubFor([
      {
        name: 'svc',
        description: 'Test',
        transport: 'streamable-http',
        url: server.url,
        roles: ['Sales'],
        auth: 'none',
        timeoutMs: 5_000,
      },
    ]);
    await hub.ready();
    expect((await hub.call('svc__echo', { text: 'one' }, ctx)).text).toBe('one');
    await server.close();
    server = await startTestMcpServer(port);
    toDispose.push(server);
    const outcome = await hub.call('svc__echo', { text: 'two' }, ctx);
    expect(outcome).toMatchObject({ ok: true, text: 'two' });
    expect(server.calls).toEqual(['echo']);
  });

  it('a stdio server that exits is restarted with backoff', async () => {
    const hub = hubFor([
      {
        name: 'local',
        description: 'Test stdio server',
        transport: 'stdio',
        command: 'node',
        args: ['--import', 'tsx', 'packages/mcp/src/test-stdio-server.ts'],
        env: {},
        cwd: repoRoot,
        roles: ['Sales'],
        auth: 'none',
        timeoutMs: 10_000,
      },
    ]);
    await hub.ready();
    const firstPid = (await hub.call('local__ping_pid', {}, ctx)).text;
    expect(firstPid).toMatch(/^\d+$/);

    const crashed = await hub.call('local__crash', {}, ctx);
    expect(crashed.ok).toBe(false);
    expect(crashed.error).toMatch(/unavailable|closed/i);

    await waitUntil(
      () => hub.status()[0]?.connected === true && hub.toolsFor('Sales').length === 2,
      20_000,
    );
    const again = await hub.call('local__ping_pid', {}, ctx);
    expect(again.ok).toBe(true);
    expect(again.text).not.toBe(firstPid);
  });

  it('start() does not block or throw when nothing is reachable, and refresh() retries at once', async () => {
    const hub = hubFor([crmConfig('http://127.0.0.1:9/mcp')]);
    await hub.ready();
    expect(hub.status()[0]).toMatchObject({ name: 'crm', connected: false, toolCount: 0 });
    await hub.refresh('crm');
    expect(hub.status()[0]?.connected).toBe(false);
    expect(await hub.call('crm__list_reps', {}, ctx)).toMatchObject({ ok: false, refused: true });
  });
});
