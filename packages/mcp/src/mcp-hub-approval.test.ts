import type { McpServerConfig } from '@salescoach/config';
import type { User } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHub, type McpHub } from './mcp-hub.js';
import { startTestMcpServer, type TestMcpServer } from './test-mcp-server.js';

const alex: User = {
  id: 'dev:alex',
  tenantId: 'dev',
  name: 'Alex',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};
const server = (name: string, url: string, tools?: McpServerConfig['tools']): McpServerConfig => ({
  name,
  description: `${name} server`,
  transport: 'streamable-http',
  url,
  roles: ['Sales'],
  auth: 'none',
  timeoutMs: 5_000,
  ...(tools ? { tools } : {}),
});

let plain: TestMcpServer;
let configured: TestMcpServer;
let hub: McpHub;
beforeAll(async () => {
  [plain, configured] = await Promise.all([startTestMcpServer(), startTestMcpServer()]);
  hub = createMcpHub({
    servers: [
      server('plain', plain.url),
      server('configured', configured.url, {
        set_note: { approval: { role: 'Manager' } },
        delete_note: { approval: 'self' },
        echo: { approval: 'self' },
      }),
    ],
  });
  hub.start();
  await hub.ready();
});
afterAll(async () => {
  await hub.close();
  await Promise.all([plain.close(), configured.close()]);
});

const policyOf = (name: string) => hub.toolsFor('Sales').find((t) => t.name === name)?.approval;

describe('MCP hub: approval policy per tool', () => {
  it('reads the policy from the annotations when the servers file says nothing', () => {
    expect(policyOf('plain__echo')).toBe('none');
    expect(policyOf('plain__set_note')).toBe('self');
    expect(policyOf('plain__delete_note')).toEqual({ role: 'Manager' });
    expect(hub.toolsFor('Sales').find((t) => t.name === 'plain__delete_note')?.annotations).toEqual(
      { readOnlyHint: false, destructiveHint: true },
    );
  });

  it("lets the servers file's setting win over the annotations, either way", () => {
    expect(policyOf('configured__set_note')).toEqual({ role: 'Manager' });
    expect(policyOf('configured__delete_note')).toBe('self');
    expect(policyOf('configured__echo')).toBe('self');
  });

  it('refuses a call that needs an approval when none comes with it: the server never sees it', async () => {
    const outcome = await hub.call(
      'plain__set_note',
      { record: 'r1', note: 'hello' },
      { user: alex, role: 'Sales' },
    );
    expect(outcome).toMatchObject({ ok: false, refused: true });
    expect(outcome.error).toMatch(/only after an approval/);
    expect(plain.writes).toEqual([]);
  });

  it('runs it when it comes with an approval, with exactly the arguments given', async () => {
    const outcome = await hub.call(
      'plain__set_note',
      { record: 'r1', note: 'hello' },
      {
        user: alex,
        role: 'Sales',
        approval: { id: 'a1', decidedBy: { id: 'dev:alex', name: 'Alex' } },
      },
    );
    expect(outcome).toMatchObject({ ok: true, structuredContent: { done: 'set_note' } });
    expect(plain.writes).toEqual([{ tool: 'set_note', args: { record: 'r1', note: 'hello' } }]);
  });
});
