import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputs } from '../crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from '../crm-server.js';
import { DEFAULT_SEED, generateDataset } from '../dataset.js';
import { postInitialize } from '../testing/post-initialize.js';

const NOW = new Date('2026-11-15T12:00:00Z');
const dataset = generateDataset(DEFAULT_SEED, NOW);
/** A rep outside Morgan's team. */
const outsider = dataset.reps.find((r) => r.role === 'rep' && r.managerId !== 'morgan')!;
/** An account Alex has nothing to do with. */
const foreignAccount = dataset.accounts.find(
  (a) =>
    a.ownerId !== 'alex' &&
    !dataset.opportunities.some((o) => o.accountId === a.id && o.ownerId === 'alex'),
)!;

let crm: RunningCrmServer;
let authority: DevAuthority;
let stranger: DevAuthority;
const clients: Client[] = [];

const post = (authorization?: string) => postInitialize(crm.url, authorization);

const crmToken = async (devUser: string, from: DevAuthority = authority): Promise<string> =>
  from.delegatedTokens.forUser({
    userId: devUser,
    subjectToken: await from.token(devUser),
    resource: crm.resource,
  });

async function connectWith(token: string): Promise<Client> {
  const client = new Client({ name: 'crm-auth-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(crm.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { text?: string }[]).map((c) => c.text ?? '').join('');
  return { isError: result.isError === true, text, structured: result.structuredContent };
};

beforeAll(async () => {
  [authority, stranger] = await Promise.all([startDevAuthority(), startDevAuthority()]);
  crm = await startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await crm.close();
  await Promise.all([authority.close(), stranger.close()]);
});

describe('CRM as an OAuth protected resource', () => {
  it('publishes its protected-resource metadata at the RFC 9728 path and the bare one', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]) {
      const response = await fetch(new URL(path, crm.url));
      expect(response.status, path).toBe(200);
      expect(await response.json()).toEqual({
        resource: crm.url,
        authorization_servers: [authority.url],
        bearer_methods_supported: ['header'],
        resource_signing_alg_values_supported: ['ES256'],
        resource_name: 'SalesCoach CRM',
      });
    }
  });

  it('answers no token with 401 and a WWW-Authenticate pointing at its metadata', async () => {
    const response = await post();
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer error="invalid_token"/);
    expect(challenge).toContain(
      `resource_metadata="${new URL('/.well-known/oauth-protected-resource/mcp', crm.url).href}"`,
    );
  });

  it("refuses the API's own token (issued for salescoach-api, not for the CRM)", async () => {
    const response = await post(`Bearer ${await authority.token('alex')}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      'error_description="The token was not issued for this server"',
    );
  });

  it('refuses a forged token, one signed by another issuer key, an expired one and alg none', async () => {
    const good = await crmToken('alex');
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: 'morgan@salescoach.dev' })).toString('base64url')}.${signature}`;
    const otherKey = await crmToken('alex', stranger);
    const expired = (
      await authority.issuer.signFor({
        audience: crm.resource,
        subject: 'dev:alex',
        expiresAt: Date.now() - 5 * 60_000,
        claims: { email: 'alex@salescoach.dev' },
      })
    ).token;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    for (const [name, token] of Object.entries({ forged, otherKey, expired, none })) {
      const response = await post(`Bearer ${token}`);
      expect(response.status, name).toBe(401);
    }
    expect((await post(`Bearer ${expired}`)).headers.get('www-authenticate')).toContain(
      'The token has expired',
    );
    // The untouched token is accepted: the refusals above are the changes' doing.
    expect((await post(`Bearer ${good}`)).status).toBe(200);
  });
});

describe('CRM data scoped to the verified caller', () => {
  it('a rep sees only their own deals, whatever owner they ask for', async () => {
    const alex = await connectWith(await crmToken('alex'));
    const all = outputs.listOpportunities.parse(
      (await call(alex, 'list_opportunities', { limit: 100 })).structured,
    );
    expect(all.total).toBeGreaterThan(0);
    expect(all.rows.every((r) => r.ownerId === 'alex')).toBe(true);
    const sams = await call(alex, 'list_opportunities', { owner: 'sam' });
    expect(sams.isError).toBe(true);
    expect(sams.text).toMatch(
      /^Not allowed: owner "sam" is outside what you may see \(your own deals\)/,
    );
    const summary = outputs.pipelineSummary.parse(
      (await call(alex, 'pipeline_summary', { quarter: '2026-Q4', groupBy: 'owner' })).structured,
    );
    expect(summary.rows.map((r) => r.group)).toEqual(['Alex Rivera']);
    const account = await call(alex, 'get_account', { accountId: foreignAccount.id });
    expect(account.isError).toBe(true);
    expect(account.text).toMatch(/not found/);
    const reps = outputs.listReps.parse((await call(alex, 'list_reps')).structured);
    expect(reps.rows.map((r) => r.id)).toEqual(['alex']);
  });

  it("a manager sees their team's deals and no one else's", async () => {
    const morgan = await connectWith(await crmToken('morgan'));
    const forecast = outputs.forecast.parse(
      (await call(morgan, 'forecast', { quarter: '2026-Q4' })).structured,
    );
    const team = dataset.reps.filter((r) => r.managerId === 'morgan').map((r) => r.id);
    expect(forecast.rows.map((r) => r.ownerId).sort()).toEqual([...team].sort());
    expect(team).toEqual(expect.arrayContaining(['alex', 'sam']));
    const alexs = outputs.listOpportunities.parse(
      (await call(morgan, 'list_opportunities', { owner: 'alex', limit: 5 })).structured,
    );
    expect(alexs.rows.every((r) => r.ownerId === 'alex')).toBe(true);
    const outside = await call(morgan, 'forecast', { owner: outsider.id });
    expect(outside.isError).toBe(true);
    expect(outside.text).toMatch(/outside what you may see \(your team's deals\)/);
  });

  it('anyone who is no rep or manager (HR, Admin, the API itself) sees nothing', async () => {
    const service = await authority.delegatedTokens.forService({ resource: crm.resource });
    for (const token of [await crmToken('riley'), await crmToken('admin'), service]) {
      const client = await connectWith(token);
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThanOrEqual(7);
      for (const tool of ['pipeline_summary', 'list_reps', 'search_accounts']) {
        const args = tool === 'pipeline_summary' ? { quarter: '2026-Q4', groupBy: 'stage' } : {};
        const result = await call(client, tool, args);
        expect(result.isError, tool).toBe(true);
        expect(result.text).toMatch(/^Not allowed: the signed-in user is not a rep or manager/);
      }
    }
  });
});
