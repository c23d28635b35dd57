import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputs } from '../crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from '../crm-server.js';
import { connectWithToken, type CrmTestClient } from '../testing/crm-test-client.js';

/**
 * A service allowed aggregate reads (CRM_AGGREGATE_READERS: the API's own client, for the
 * team digest) gets pipeline totals for a named manager's team, and nothing else; a service
 * not on the list, and a person asking for someone outside their scope, get nothing.
 */
const NOW = new Date('2026-11-15T12:00:00Z');
let authority: DevAuthority;
let allowed: RunningCrmServer;
let closed: RunningCrmServer;

const clients: CrmTestClient[] = [];
const connect = async (crm: RunningCrmServer, token: string) => {
  const client = await connectWithToken(crm, token);
  clients.push(client);
  return client;
};
const call = (client: CrmTestClient, name: string, args: Record<string, unknown>) =>
  client.call(name, args);

const serviceOf = (crm: RunningCrmServer) =>
  authority.delegatedTokens.forService({ resource: crm.resource });
const personOf = async (crm: RunningCrmServer, user: string) =>
  authority.delegatedTokens.forUser({
    userId: user,
    subjectToken: await authority.token(user),
    resource: crm.resource,
  });

beforeAll(async () => {
  authority = await startDevAuthority();
  [allowed, closed] = await Promise.all([
    startCrmServer({
      port: 0,
      now: NOW,
      auth: authority.crmAuth,
      aggregateReaders: [authority.clientId],
    }),
    startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth }),
  ]);
});
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.client.close()));
  await Promise.all([allowed.close(), closed.close()]);
  await authority.close();
});

describe('aggregate reads by a service', () => {
  const summary = { quarter: '2026-Q4', groupBy: 'stage', owner: 'morgan@salescoach.dev' };

  it("gives an allowed service the named manager's team totals, the same as the manager sees", async () => {
    const service = await connect(allowed, await serviceOf(allowed));
    const read = await call(service, 'pipeline_summary', summary);
    expect(read.isError, read.text).toBe(false);
    const totals = outputs.pipelineSummary.parse(read.structured);
    expect(totals.owner).toBe('team:morgan');
    expect(totals.total.count).toBeGreaterThan(0);

    const morgan = await connect(allowed, await personOf(allowed, 'morgan'));
    const own = outputs.pipelineSummary.parse(
      (await call(morgan, 'pipeline_summary', { quarter: '2026-Q4', groupBy: 'stage' })).structured,
    );
    expect(totals.rows).toEqual(own.rows);
  });

  it('gives an allowed service no owner-less totals, no deal rows and no other tool', async () => {
    const service = await connect(allowed, await serviceOf(allowed));
    const unnamed = await call(service, 'pipeline_summary', { quarter: '2026-Q4' });
    expect(unnamed.isError).toBe(true);
    expect(unnamed.text).toMatch(/^Not allowed: a service reads totals only for a named rep/);
    for (const [tool, args] of [
      ['list_opportunities', { owner: 'morgan@salescoach.dev' }],
      ['forecast', { owner: 'morgan@salescoach.dev' }],
      ['deal_risks', { owner: 'morgan@salescoach.dev' }],
    ] as const) {
      const result = await call(service, tool, args);
      expect(result.isError, tool).toBe(true);
      expect(result.text).toMatch(/^Not allowed: the signed-in user is not a rep or manager/);
    }
  });

  it('refuses totals to a service that is not on the list', async () => {
    const service = await connect(closed, await serviceOf(closed));
    const read = await call(service, 'pipeline_summary', summary);
    expect(read.isError).toBe(true);
    expect(read.text).toMatch(/^Not allowed: the signed-in user is not a rep or manager/);
  });

  it('still keeps a person to their own scope when they name someone', async () => {
    const alex = await connect(allowed, await personOf(allowed, 'alex'));
    const read = await call(alex, 'pipeline_summary', summary);
    expect(read.isError).toBe(true);
    expect(read.text).toMatch(/outside what you may see \(your own deals\)/);
  });
});
