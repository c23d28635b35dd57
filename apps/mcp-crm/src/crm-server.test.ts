import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputs } from './crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from './crm-server.js';

const NOW = new Date('2026-11-15T12:00:00Z');
let crm: RunningCrmServer;
const clients: Client[] = [];

async function connect(token?: string): Promise<Client> {
  const client = new Client({ name: 'crm-test', version: '1.0.0' });
  const headers = token === undefined ? undefined : { Authorization: `Bearer ${token}` };
  await client.connect(
    new StreamableHTTPClientTransport(new URL(crm.url), { requestInit: { headers } }),
  );
  clients.push(client);
  return client;
}

const tokenFor = (claims: Record<string, string>): string =>
  new UnsecuredJWT(claims).setIssuedAt().setExpirationTime('5m').encode();

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}

beforeAll(async () => {
  crm = await startCrmServer({ port: 0, now: NOW });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await crm.close();
});

const validCalls: Record<string, { tool: string; args: Record<string, unknown> }> = {
  searchAccounts: { tool: 'search_accounts', args: { query: 'logistics' } },
  getAccount: { tool: 'get_account', args: { accountId: 'acc-001' } },
  listOpportunities: {
    tool: 'list_opportunities',
    args: { owner: 'alex', quarter: '2026-Q4', minAmount: 10_000, limit: 5 },
  },
  pipelineSummary: {
    tool: 'pipeline_summary',
    args: { quarter: 'this quarter', groupBy: 'stage' },
  },
  forecast: { tool: 'forecast', args: { quarter: '2026-Q4', owner: 'morgan' } },
  repScorecard: { tool: 'rep_scorecard', args: { quarter: 'last quarter' } },
  dealRisks: { tool: 'deal_risks', args: { staleDays: 21 } },
  listReps: { tool: 'list_reps', args: {} },
};

describe('CRM MCP server', () => {
  it('lists at least seven tools, each with input and output schemas', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(7);
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(Object.values(validCalls).map((c) => c.tool)),
    );
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.description?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it.each(Object.entries(validCalls))(
    '%s returns structured content that matches its output schema',
    async (key, call) => {
      const client = await connect();
      const result = await client.callTool({ name: call.tool, arguments: call.args });
      expect(result.isError ?? false, textOf(result)).toBe(false);
      const parsed = outputs[key as keyof typeof outputs].safeParse(result.structuredContent);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(textOf(result).length).toBeGreaterThan(0);
    },
  );

  it('summarises the pipeline by stage, owner and month with totals that add up', async () => {
    const client = await connect();
    for (const groupBy of ['stage', 'owner', 'month'] as const) {
      const result = await client.callTool({
        name: 'pipeline_summary',
        arguments: { quarter: '2026-Q4', groupBy },
      });
      const summary = outputs.pipelineSummary.parse(result.structuredContent);
      expect(summary.quarter).toBe('2026-Q4');
      expect(summary.rows.reduce((n, r) => n + r.count, 0)).toBe(summary.total.count);
      expect(summary.total.count).toBeGreaterThan(50);
    }
  });

  it('filters and pages opportunities', async () => {
    const client = await connect();
    const first = outputs.listOpportunities.parse(
      (
        await client.callTool({
          name: 'list_opportunities',
          arguments: { owner: 'sam@salescoach.dev', stage: 'Proposal', limit: 3 },
        })
      ).structuredContent,
    );
    expect(first.rows.length).toBeLessThanOrEqual(3);
    expect(first.rows.every((r) => r.ownerId === 'sam' && r.stage === 'Proposal')).toBe(true);
    const second = outputs.listOpportunities.parse(
      (
        await client.callTool({
          name: 'list_opportunities',
          arguments: { owner: 'sam', stage: 'Proposal', limit: 3, offset: 3 },
        })
      ).structuredContent,
    );
    expect(second.total).toBe(first.total);
    expect(second.rows.map((r) => r.id)).not.toEqual(first.rows.map((r) => r.id));
  });

  it('resolves owner "me" from the forwarded token (email or preferred_username)', async () => {
    const byEmail = await connect(tokenFor({ sub: 'u1', email: 'alex@salescoach.dev' }));
    const mine = outputs.listOpportunities.parse(
      (
        await byEmail.callTool({
          name: 'list_opportunities',
          arguments: { owner: 'me', limit: 100 },
        })
      ).structuredContent,
    );
    expect(mine.owner).toBe('alex');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.ownerId === 'alex')).toBe(true);

    const manager = await connect(tokenFor({ sub: 'u2', preferred_username: 'morgan' }));
    const team = outputs.repScorecard.parse(
      (await manager.callTool({ name: 'rep_scorecard', arguments: { owner: 'me' } }))
        .structuredContent,
    );
    expect(team.rows.map((r) => r.repId)).toEqual(expect.arrayContaining(['alex', 'sam']));
    expect(team.rows.every((r) => r.repId !== 'morgan')).toBe(true);
  });

  it('"me" without a forwarded token is an error that says so', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'forecast', arguments: { owner: 'me' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/token/i);
  });

  it.each([
    ['list_opportunities', { stage: 'Won' }, /stage/i],
    ['list_opportunities', { limit: 500 }, /limit/i],
    ['pipeline_summary', { quarter: 'someday' }, /quarter "someday"/],
    ['forecast', { owner: 'nobody' }, /owner "nobody" is unknown/],
    ['get_account', { accountId: 'acc-999' }, /not found/],
    ['deal_risks', { staleDays: 'soon' }, /staleDays/],
    ['search_accounts', { unexpected: true }, /unexpected|unrecognized/i],
  ])('%s with %j is isError with a message saying what is wrong', async (tool, args, message) => {
    const client = await connect();
    const result = await client.callTool({ name: tool, arguments: args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });
});
