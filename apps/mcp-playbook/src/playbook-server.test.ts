import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbookOutputs } from './playbook-server.js';

// The server runs as a child process exactly as mcpservers.json starts it, from the repo root.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'playbook-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: 'node',
      args: ['--import', 'tsx', 'apps/mcp-playbook/src/main.ts'],
      cwd: repoRoot,
      stderr: 'pipe',
    }),
  );
});

afterAll(async () => {
  await client.close();
});

describe('playbook MCP server (stdio)', () => {
  it('lists its two tools with output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_playbook_note', 'search_playbook']);
    expect(tools.every((t) => t.outputSchema?.type === 'object')).toBe(true);
  });

  it.each([
    ['price pushback too expensive', 'objection-price'],
    ['MEDDICC economic buyer champion', 'meddicc'],
    ['discovery questions to ask', 'discovery-questions'],
    ['keep the pipeline clean: stale next steps', 'pipeline-hygiene'],
    ['negotiate concessions', 'negotiation'],
  ])('search "%s" ranks %s first', async (query, id) => {
    const result = await client.callTool({ name: 'search_playbook', arguments: { query } });
    const found = playbookOutputs.search.parse(result.structuredContent);
    expect(found.results[0]?.id).toBe(id);
    expect(found.results[0]?.excerpt.length).toBeGreaterThan(10);
  });

  it('reads a note by id, and says which ids exist for an unknown one', async () => {
    const note = playbookOutputs.note.parse(
      (await client.callTool({ name: 'get_playbook_note', arguments: { id: 'meddicc' } }))
        .structuredContent,
    );
    expect(note.title).toBe('MEDDICC qualification');
    expect(note.content).toContain('Economic buyer');
    const missing = await client.callTool({ name: 'get_playbook_note', arguments: { id: 'nope' } });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('meddicc');
  });

  it('rejects a too-short query as isError', async () => {
    const result = await client.callTool({ name: 'search_playbook', arguments: { query: 'a' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/query/);
  });
});
