import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../crm-model.js';
import { outputs } from '../crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from '../crm-server.js';
import { DEFAULT_SEED, generateDataset } from '../dataset.js';
import { CrmStore } from '../store/crm-store.js';
import { connectAs, type CrmTestClient } from '../testing/crm-test-client.js';
import { writeOutputs } from './write-schemas.js';

const NOW = new Date('2026-11-15T12:00:00Z');
const seed = generateDataset(DEFAULT_SEED, NOW);
const teamOf = (managerId: string) =>
  new Set([managerId, ...seed.reps.filter((r) => r.managerId === managerId).map((r) => r.id)]);
const morganTeam = teamOf('morgan');
const openDeal = (test: (o: Opportunity) => boolean, skip = 0): Opportunity =>
  seed.opportunities.filter(
    (o) =>
      o.stage === 'Proposal' &&
      o.closeDate > '2026-11-20' &&
      o.closeDate <= '2026-12-31' &&
      test(o),
  )[skip]!;
const deals = {
  alex: openDeal((o) => o.ownerId === 'alex'),
  sam: openDeal((o) => o.ownerId === 'sam'),
  otherTeam: openDeal((o) => !morganTeam.has(o.ownerId)),
};

let dir: string;
let file: string;
let crm: RunningCrmServer;
let authority: DevAuthority;
const clients: CrmTestClient[] = [];

const as = async (user: string) => {
  const client = await connectAs(authority, crm, user);
  clients.push(client);
  return client;
};

/** What the store holds now, read through a second connection to the CRM's file. */
const stored = (id: string): Opportunity => {
  const peek = CrmStore.open({ file, now: NOW });
  try {
    return peek.dataset().opportunities.find((o) => o.id === id)!;
  } finally {
    peek.close();
  }
};
const activitiesOf = (id: string) => {
  const peek = CrmStore.open({ file, now: NOW });
  try {
    return peek.dataset().activities.filter((a) => a.opportunityId === id);
  } finally {
    peek.close();
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-writes-'));
  file = join(dir, 'crm.sqlite');
  authority = await startDevAuthority();
  crm = await startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth, storeFile: file });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.client.close()));
  await crm.close();
  await authority.close();
  await rm(dir, { recursive: true, force: true });
});

/** One valid change per write tool, and what it writes on the deal. */
const writes: Record<
  string,
  { args: Record<string, unknown>; check: (after: Opportunity, before: Opportunity) => boolean }
> = {
  log_activity: {
    args: { kind: 'call', summary: 'We agreed on a pilot' },
    check: (o) => o.lastActivityDate === '2026-11-15',
  },
  update_next_step: {
    args: { nextStep: 'Product demo', nextStepDate: '2026-11-20' },
    check: (o) => o.nextStep === 'Product demo' && o.nextStepDate === '2026-11-20',
  },
  update_close_date: {
    args: { closeDate: '2027-01-29' },
    check: (o) => o.closeDate === '2027-01-29',
  },
  update_stage: { args: { stage: 'Negotiation' }, check: (o) => o.stage === 'Negotiation' },
  update_amount: { args: { amount: 123_456 }, check: (o) => o.amount === 123_456 },
  request_discount: {
    args: { percent: 10, reason: 'Two-year commitment' },
    check: (after, before) => after.amount === before.amount,
  },
};

describe('CRM write tools', () => {
  it('lists six write tools with schemas and honest annotations', async () => {
    const { tools } = await (await as('alex')).client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const expected: Record<string, { destructiveHint: boolean; idempotentHint: boolean }> = {
      log_activity: { destructiveHint: false, idempotentHint: false },
      update_next_step: { destructiveHint: false, idempotentHint: true },
      update_close_date: { destructiveHint: true, idempotentHint: true },
      update_stage: { destructiveHint: true, idempotentHint: true },
      update_amount: { destructiveHint: true, idempotentHint: true },
      request_discount: { destructiveHint: true, idempotentHint: false },
    };
    for (const [name, hints] of Object.entries(expected)) {
      const tool = byName.get(name);
      expect(tool?.annotations, name).toMatchObject({ readOnlyHint: false, ...hints });
      expect(tool?.outputSchema?.type, name).toBe('object');
      expect(Object.keys(tool?.inputSchema.properties ?? {}), name).toEqual(
        expect.arrayContaining(['opportunityId', 'opportunity', 'idempotencyKey']),
      );
    }
    for (const read of tools.filter((t) => !(t.name in expected)))
      expect(read.annotations?.readOnlyHint, read.name).toBe(true);
  });

  // Who may change which deal: a rep their own, a manager their team's, anyone else nothing.
  const matrix = [
    ['alex', 'alex', true],
    ['alex', 'sam', false],
    ['sam', 'alex', false],
    ['morgan', 'alex', true],
    ['morgan', 'sam', true],
    ['morgan', 'otherTeam', false],
    ['riley', 'alex', false],
    ['admin', 'sam', false],
  ] as const;
  describe.each(Object.entries(writes))('%s', (tool, { args, check }) => {
    it.each(matrix)('as %s on the %s deal: allowed %s', async (user, owner, allowed) => {
      const deal = deals[owner];
      const before = stored(deal.id);
      const result = await (await as(user)).call(tool, { opportunityId: deal.id, ...args });
      expect(result.isError, result.text).toBe(!allowed);
      if (allowed) {
        const key = tool.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
        const schema = writeOutputs[key as keyof typeof writeOutputs];
        const parsed = schema.safeParse(result.structured);
        expect(parsed.success, result.text).toBe(true);
        // The answer shows the deal as it is now, and so does the store.
        const shown = (parsed.data as { opportunity: Partial<Opportunity> }).opportunity;
        expect(check({ ...before, ...shown }, before)).toBe(true);
        expect(check(stored(deal.id), before)).toBe(true);
      } else {
        expect(result.text).toMatch(/^Not allowed: .*\. No change made$/);
        expect(stored(deal.id)).toEqual(before);
      }
    });
  });

  it('records a discount request without changing the amount', async () => {
    const alex = await as('alex');
    const result = await alex.call('request_discount', {
      opportunityId: deals.alex.id,
      percent: 12.5,
      reason: 'Matching a competitor',
    });
    const { discountRequest, opportunity } = writeOutputs.requestDiscount.parse(result.structured);
    expect(discountRequest).toMatchObject({
      percent: 12.5,
      status: 'requested',
      requestedBy: 'alex',
    });
    expect(discountRequest.discountedAmount).toBe(Math.round(opportunity.amount * 87.5) / 100);
  });

  it.each([
    ['update_stage', { stage: 'Won' }, /stage/],
    ['update_amount', { amount: 0 }, /amount must be more than 0/],
    ['update_amount', { amount: -5 }, /amount must be more than 0/],
    ['request_discount', { percent: 0, reason: 'none' }, /percent must be more than 0/],
    ['request_discount', { percent: 75, reason: 'too much' }, /percent must be at most 50/],
    ['update_close_date', { closeDate: '2026-11-14' }, /closeDate 2026-11-14 is in the past/],
    ['update_close_date', { closeDate: '31/03/2027' }, /YYYY-MM-DD/],
    ['update_close_date', { closeDate: '2027-02-30' }, /2027-02-30 is not a real date/],
    ['update_next_step', { nextStep: 'Demo', nextStepDate: '2026-01-01' }, /in the past/],
    ['log_activity', { kind: 'visit', summary: 'Dropped by' }, /kind/],
    ['log_activity', { kind: 'call', summary: 'Later', occurredAt: '2026-12-01' }, /future/],
  ])('%s with %j is refused saying what is wrong', async (tool, args, message) => {
    const before = stored(deals.alex.id);
    const result = await (await as('alex')).call(tool, { opportunityId: deals.alex.id, ...args });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(message);
    expect(stored(deals.alex.id)).toEqual(before);
  });

  it('refuses a write that names no opportunity, or a closed one for a new date', async () => {
    const alex = await as('alex');
    const none = await alex.call('update_stage', { stage: 'Proposal' });
    expect(none.text).toMatch(/say which opportunity/);
    const closed = seed.opportunities.find(
      (o) => o.ownerId === 'alex' && o.stage === 'Closed Won',
    )!;
    const late = await alex.call('update_close_date', {
      opportunityId: closed.id,
      closeDate: '2027-01-15',
    });
    expect(late.text).toMatch(/is Closed Won: a closed deal's close date does not change/);
  });

  it('finds a deal by words from its account name, among the caller’s own deals only', async () => {
    const alex = await as('alex');
    const openAt = (accountId: string, owner: string) =>
      seed.opportunities.filter(
        (o) => o.accountId === accountId && o.ownerId === owner && o.stage === 'Proposal',
      );
    const single = seed.accounts.find(
      (a) =>
        openAt(a.id, 'alex').length === 1 &&
        seed.opportunities.filter((o) => o.accountId === a.id && o.ownerId === 'alex').length === 1,
    )!;
    const result = await alex.call('update_next_step', {
      opportunity: single.name,
      nextStep: 'Call back',
      nextStepDate: '2026-11-30',
    });
    expect(result.isError, result.text).toBe(false);
    expect(stored(openAt(single.id, 'alex')[0]!.id).nextStep).toBe('Call back');

    const samsOnly = seed.accounts.find(
      (a) =>
        openAt(a.id, 'sam').length > 0 &&
        !seed.opportunities.some((o) => o.accountId === a.id && o.ownerId === 'alex'),
    )!;
    const foreign = await alex.call('update_next_step', {
      opportunity: samsOnly.name,
      nextStep: 'Call back',
      nextStepDate: '2026-11-30',
    });
    expect(foreign.text).toMatch(/^Not allowed: no opportunity matching/);
    expect(stored(openAt(samsOnly.id, 'sam')[0]!.id).nextStep).not.toBe('Call back');
  });

  it('is seen by the reads: a stage change moves the pipeline by stage and the forecast', async () => {
    const morgan = await as('morgan');
    const deal = openDeal((o) => o.ownerId === 'sam', 1);
    const summary = async () =>
      outputs.pipelineSummary.parse(
        (await morgan.call('pipeline_summary', { quarter: '2026-Q4' })).structured,
      );
    const forecast = async () =>
      outputs.forecast.parse((await morgan.call('forecast', { quarter: '2026-Q4' })).structured);
    const count = (s: Awaited<ReturnType<typeof summary>>, stage: string) =>
      s.rows.find((r) => r.group === stage)!.count;
    const [before, commitBefore] = [await summary(), (await forecast()).commit];
    const moved = await morgan.call('update_stage', {
      opportunityId: deal.id,
      stage: 'Negotiation',
    });
    expect(moved.isError, moved.text).toBe(false);
    const after = await summary();
    expect(count(after, 'Proposal')).toBe(count(before, 'Proposal') - 1);
    expect(count(after, 'Negotiation')).toBe(count(before, 'Negotiation') + 1);
    expect((await forecast()).commit).toBe(commitBefore + deal.amount);
  });

  it('makes a repeat with the same idempotency key a no-op returning the first result', async () => {
    const alex = await as('alex');
    const args = {
      opportunityId: deals.alex.id,
      kind: 'meeting',
      summary: 'Kick-off with the buyer',
      idempotencyKey: 'kickoff-2026-11-15',
    };
    const first = await alex.call('log_activity', args);
    const again = await alex.call('log_activity', args);
    expect(again.isError, again.text).toBe(false);
    expect(again.structured).toEqual(first.structured);
    expect(activitiesOf(deals.alex.id).filter((a) => a.subject === args.summary)).toHaveLength(1);

    const other = await alex.call('log_activity', { ...args, summary: 'Something else' });
    expect(other.text).toMatch(/idempotencyKey "kickoff-2026-11-15" was already used/);
    // Keys are the caller's own: Morgan's key of the same name is a new change.
    const morgan = await (await as('morgan')).call('log_activity', args);
    expect(morgan.isError, morgan.text).toBe(false);
    expect(activitiesOf(deals.alex.id).filter((a) => a.subject === args.summary)).toHaveLength(2);
  });

  it('without a key, a second log_activity logs again; a repeated stage change changes nothing', async () => {
    const alex = await as('alex');
    const args = { opportunityId: deals.alex.id, kind: 'note', summary: 'Budget confirmed' };
    await alex.call('log_activity', args);
    await alex.call('log_activity', args);
    expect(activitiesOf(deals.alex.id).filter((a) => a.subject === args.summary)).toHaveLength(2);
    const stage = { opportunityId: deals.alex.id, stage: 'Proposal' };
    await alex.call('update_stage', stage);
    const repeat = writeOutputs.updateStage.parse(
      (await alex.call('update_stage', stage)).structured,
    );
    expect(repeat).toMatchObject({ changed: false, changes: [] });
  });
});
