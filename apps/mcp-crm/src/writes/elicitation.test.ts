import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isOpen } from '../crm-model.js';
import { outputs } from '../crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from '../crm-server.js';
import { DEFAULT_SEED, generateDataset } from '../dataset.js';
import { connectAs, type CrmTestClient } from '../testing/crm-test-client.js';

const NOW = new Date('2026-11-15T12:00:00Z');
const seed = generateDataset(DEFAULT_SEED, NOW);
const account = seed.accounts.find((a) => a.name === 'Falcon Health')!;
/** Alex's open Falcon Health deals: the words "Falcon Health" match all of them. */
const matches = seed.opportunities
  .filter((o) => o.accountId === account.id && o.ownerId === 'alex' && isOpen(o.stage))
  .map((o) => o.id)
  .sort();

let crm: RunningCrmServer;
let authority: DevAuthority;
const clients: CrmTestClient[] = [];

beforeAll(async () => {
  authority = await startDevAuthority();
  crm = await startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth });
});
afterEach(() => crm.reset({ now: NOW }));
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.client.close()));
  await crm.close();
  await authority.close();
});

const alex = async (answer?: (params: ElicitRequest['params']) => ElicitResult) => {
  const client = await connectAs(authority, crm, 'alex', answer);
  clients.push(client);
  return client;
};
const nextSteps = async (client: CrmTestClient) => {
  const list = outputs.listOpportunities.parse(
    (await client.call('list_opportunities', { accountId: account.id, limit: 100 })).structured,
  );
  return new Map(list.rows.map((r) => [r.id, r.nextStep]));
};
const change = {
  opportunity: 'Falcon Health',
  nextStep: 'Demo for the buyer',
  nextStepDate: '2026-11-20',
};

describe('CRM elicitation when a write names several deals', () => {
  it('fixture: several of Alex’s open deals match the account name', () => {
    expect(matches.length).toBeGreaterThanOrEqual(2);
  });

  it('asks which deal with a form-mode enum of the matches, and changes the one chosen', async () => {
    const asked: ElicitRequest['params'][] = [];
    const chosen = matches[1]!;
    const client = await alex((params) => {
      asked.push(params);
      return { action: 'accept', content: { opportunityId: chosen } };
    });
    const before = await nextSteps(client);
    const result = await client.call('update_next_step', change);
    expect(result.isError, result.text).toBe(false);
    expect(asked).toHaveLength(1);
    const params = asked[0]!;
    expect(params.mode ?? 'form').toBe('form');
    const field = (
      params as { requestedSchema: { properties: Record<string, { enum?: string[] }> } }
    ).requestedSchema.properties.opportunityId;
    expect([...(field?.enum ?? [])].sort()).toEqual(matches);
    const after = await nextSteps(client);
    expect(after.get(chosen)).toBe(change.nextStep);
    for (const id of matches.filter((m) => m !== chosen))
      expect(after.get(id)).toBe(before.get(id));
  });

  it.each(['decline', 'cancel'] as const)(
    'changes nothing when the person answers %s',
    async (action) => {
      const client = await alex(() => ({ action }));
      const before = await nextSteps(client);
      const result = await client.call('update_next_step', change);
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(
        new RegExp(
          `^No change made: the choice was ${action === 'decline' ? 'declined' : 'cancelled'}: "[^"]+" matches \\d+ of your opportunities: opp-`,
        ),
      );
      expect(await nextSteps(client)).toEqual(before);
    },
  );

  it('without the elicitation capability, answers with the matches so the model can ask', async () => {
    const client = await alex();
    const before = await nextSteps(client);
    const result = await client.call('update_next_step', change);
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/"Falcon Health" matches \d+ of your opportunities/);
    for (const id of matches) expect(result.text).toContain(id);
    expect(await nextSteps(client)).toEqual(before);
  });

  it('does not ask again for a repeat with the same idempotency key', async () => {
    let asked = 0;
    const client = await alex(() => {
      asked += 1;
      return { action: 'accept', content: { opportunityId: matches[0]! } };
    });
    const args = { ...change, idempotencyKey: 'falcon-demo-0001' };
    const first = await client.call('update_next_step', args);
    const again = await client.call('update_next_step', args);
    expect(again.structured).toEqual(first.structured);
    expect(asked).toBe(1);
  });

  it('does not offer more than 20 deals to choose from: the request must say more', async () => {
    const team = new Set([
      'morgan',
      ...seed.reps.filter((r) => r.managerId === 'morgan').map((r) => r.id),
    ]);
    const many = seed.opportunities.filter(
      (o) => team.has(o.ownerId) && isOpen(o.stage) && o.name.toLowerCase().includes('on'),
    );
    expect(many.length).toBeGreaterThan(20);
    let asked = 0;
    const morgan = await connectAs(authority, crm, 'morgan', () => {
      asked += 1;
      return { action: 'cancel' };
    });
    clients.push(morgan);
    const result = await morgan.call('update_stage', {
      opportunity: 'on',
      stage: 'Negotiation',
    });
    expect(result.text).toMatch(
      new RegExp(
        `^Invalid request: "on" matches ${many.length} of your opportunities, too many to choose from`,
      ),
    );
    expect(asked).toBe(0);
  });
});
