import { fileURLToPath } from 'node:url';
import { startDevAuthority } from '@salescoach/auth/testing';
import { readMcpServersFile } from '@salescoach/config';
import { startCrmServer } from '@salescoach/mcp-crm';
import { describe, expect, it } from 'vitest';
import { createMcpHub } from './mcp-hub.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('the default mcpservers.json', () => {
  it('wires the CRM (Sales, Manager, on behalf of the user) and the playbook (Sales, Manager, HR), and both connect', async () => {
    const { servers } = await readMcpServersFile(`${repoRoot}mcpservers.json`);
    const crm = servers.find((s) => s.name === 'crm');
    const playbook = servers.find((s) => s.name === 'playbook');
    expect(crm).toMatchObject({
      transport: 'streamable-http',
      url: 'http://127.0.0.1:3101/mcp',
      roles: ['Sales', 'Manager'],
      auth: 'obo',
    });
    expect(playbook).toMatchObject({
      transport: 'stdio',
      command: 'node',
      roles: ['Sales', 'Manager', 'HR'],
      auth: 'none',
    });

    // The API runs from the repo root; the CRM listens on a free port here instead of 3101.
    const authority = await startDevAuthority();
    const running = await startCrmServer({ port: 0, auth: authority.crmAuth });
    const hub = createMcpHub({
      servers: servers.map((s) =>
        s.transport === 'stdio' ? { ...s, cwd: repoRoot } : { ...s, url: running.url },
      ),
      delegatedTokens: authority.delegatedTokens,
    });
    try {
      hub.start();
      await hub.ready();
      expect(hub.status().map((s) => [s.name, s.connected])).toEqual([
        ['crm', true],
        ['playbook', true],
      ]);
      expect(hub.toolsFor('HR').map((t) => t.server)).toEqual(['playbook', 'playbook']);
      // Writes wait for an approval: activities, next step and close date for the asker (the
      // file overrides the close date's destructive hint); stage, amount and discount for a
      // Manager; every read runs at once.
      const policies = Object.fromEntries(hub.toolsFor('Sales').map((t) => [t.name, t.approval]));
      expect(policies).toMatchObject({
        crm__log_activity: 'self',
        crm__update_next_step: 'self',
        crm__update_close_date: 'self',
        crm__update_stage: { role: 'Manager' },
        crm__update_amount: { role: 'Manager' },
        crm__request_discount: { role: 'Manager' },
        crm__pipeline_summary: 'none',
        playbook__search_playbook: 'none',
      });
      const writes = new Set(Object.keys(crm?.tools ?? {}).map((tool) => `crm__${tool}`));
      for (const [name, policy] of Object.entries(policies))
        if (!writes.has(name)) expect(policy, name).toBe('none');
    } finally {
      await hub.close();
      await running.close();
      await authority.close();
    }
  });
});
