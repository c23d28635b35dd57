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
    } finally {
      await hub.close();
      await running.close();
      await authority.close();
    }
  });
});
