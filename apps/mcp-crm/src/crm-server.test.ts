import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputs } from './crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from './crm-server.js';
import { DEFAULT_SEED, generateDataset } from './dataset.js';

const NOW = new Date('2026-11-15T12:00:00Z');
/** An account in Morgan's team (the default caller here). */
const teamAccount = generateDataset(DEFAULT_SEED, NOW).accounts.find((a) => a.ownerId === 'alex')!;
let crm: RunningCrmServer;
let authority: DevAuthority;
const clients: Client[] = [];

/** A token issued for the CRM on behalf of a dev user, as the API gets one (RFC 8693 exchange). */
const crmTokenFor = async (devUser: string): Promise<string> =>
  authority.delegatedTokens.forUser({
    userId: devUser,
    subjectToken: await authority.token(devUser),
    resource: crm.resource,
  });

async function connect(devUser = 'morgan'): Promise<Client> {
  const token = await crmTokenFor(devUser);
  const client = new Client({ name: 'crm-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(crm.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}

beforeAll(async () => {
  authority = await startDevAuthority();
  crm = await startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await crm.close();
  await authority.close();
});

const validCalls: Record<string, { tool: string; args: Record<string, unknown> }> = {
  searchAccounts: { tool: 'search_accounts', args: { query: 'logistics' } },
  getAccount: { tool: 'get_account', args: { accountId: teamAccount.id } },
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

  it('finds opportunities by words from their name or account name', async () => {
    const seed = generateDataset(DEFAULT_SEED, NOW);
    const falcon = seed.accounts.find((a) => a.name === 'Falcon Health')!;
    const client = await connect('alex');
    const found = outputs.listOpportunities.parse(
      (
        await client.callTool({
          name: 'list_opportunities',
          arguments: { nameContains: 'falcon health', openOnly: true },
        })
      ).structuredContent,
    );
    const expected = seed.opportunities.filter(
      (o) =>
        o.accountId === falcon.id &&
        o.ownerId === 'alex' &&
        !['Closed Won', 'Closed Lost'].includes(o.stage),
    );
    expect(found.rows.map((r) => r.id).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(expected.length).toBeGreaterThan(1);
  });

  it('resolves owner "me" to the verified caller: a rep their deals, a manager their team', async () => {
    const rep = await connect('alex');
    const mine = outputs.listOpportunities.parse(
      (await rep.callTool({ name: 'list_opportunities', arguments: { owner: 'me', limit: 100 } }))
        .structuredContent,
    );
    expect(mine.owner).toBe('alex');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.ownerId === 'alex')).toBe(true);

    const manager = await connect('morgan');
    const team = outputs.repScorecard.parse(
      (await manager.callTool({ name: 'rep_scorecard', arguments: { owner: 'me' } }))
        .structuredContent,
    );
    expect(team.rows.map((r) => r.repId)).toEqual(expect.arrayContaining(['alex', 'sam']));
    expect(team.rows.every((r) => r.repId !== 'morgan')).toBe(true);
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
