import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerOf } from '../auth/caller-scope.js';
import { CrmQueries } from '../crm-queries.js';
import { outputs } from '../crm-schemas.js';
import { type RunningCrmServer, startCrmServer } from '../crm-server.js';
import { DEFAULT_SEED, generateDataset } from '../dataset.js';
import { connectAs } from '../testing/crm-test-client.js';
import { CrmStore, resetCrmStore } from './crm-store.js';

const NOW = new Date('2026-11-15T12:00:00Z');
const seed = generateDataset(DEFAULT_SEED, NOW);
const deal = seed.opportunities.find((o) => o.ownerId === 'alex' && o.stage === 'Qualification')!;

let dir: string;
let authority: DevAuthority;
const running: RunningCrmServer[] = [];

const start = async (storeFile: string): Promise<RunningCrmServer> => {
  const crm = await startCrmServer({ port: 0, now: NOW, auth: authority.crmAuth, storeFile });
  running.push(crm);
  return crm;
};
const stop = async (crm: RunningCrmServer) => {
  running.splice(running.indexOf(crm), 1);
  await crm.close();
};
const stageOf = async (crm: RunningCrmServer, user = 'alex') => {
  const client = await connectAs(authority, crm, user);
  try {
    const list = outputs.listOpportunities.parse(
      (await client.call('list_opportunities', { accountId: deal.accountId, limit: 100 }))
        .structured,
    );
    return list.rows.find((r) => r.id === deal.id)?.stage;
  } finally {
    await client.client.close();
  }
};
const moveStage = async (crm: RunningCrmServer) => {
  const client = await connectAs(authority, crm, 'alex');
  try {
    const result = await client.call('update_stage', { opportunityId: deal.id, stage: 'Proposal' });
    expect(result.isError, result.text).toBe(false);
    const logged = await client.call('log_activity', {
      opportunityId: deal.id,
      kind: 'meeting',
      summary: 'Scoping workshop with the buyer',
    });
    expect(logged.isError, logged.text).toBe(false);
  } finally {
    await client.client.close();
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-store-'));
  authority = await startDevAuthority();
});

afterAll(async () => {
  await Promise.allSettled(running.map((c) => c.close()));
  await authority.close();
  await rm(dir, { recursive: true, force: true });
});

describe('CRM store', () => {
  it('seeds an empty file with the generated dataset, record for record and in order', () => {
    const store = CrmStore.open({ file: join(dir, 'seeded.sqlite'), now: NOW });
    try {
      expect(store.dataset()).toEqual(seed);
    } finally {
      store.close();
    }
  });

  it('answers every read over the store exactly as over the generated dataset', () => {
    const store = CrmStore.open({ file: ':memory:', now: NOW });
    const overStore = new CrmQueries(store);
    const overSeed = new CrmQueries({ dataset: () => seed });
    for (const email of ['alex@salescoach.dev', 'morgan@salescoach.dev']) {
      const viewer = viewerOf(seed, { subject: email, email });
      const q = 'this quarter';
      const asks = [
        (x: CrmQueries) => x.searchAccounts({ query: 'health', limit: 50 }, viewer),
        (x: CrmQueries) => x.getAccount({ accountId: deal.accountId }, viewer),
        (x: CrmQueries) => x.listOpportunities({ openOnly: false, limit: 100, offset: 0 }, viewer),
        (x: CrmQueries) => x.pipelineSummary({ quarter: q, groupBy: 'owner' }, viewer),
        (x: CrmQueries) => x.forecast({ quarter: q }, viewer),
        (x: CrmQueries) => x.repScorecard({ quarter: 'last quarter' }, viewer),
        (x: CrmQueries) => x.dealRisks({ staleDays: 14, limit: 100 }, viewer),
        (x: CrmQueries) => x.listReps(viewer),
      ];
      for (const ask of asks) expect(ask(overStore)).toEqual(ask(overSeed));
    }
    store.close();
  });

  it('keeps writes across a restart of the CRM on the same file', async () => {
    const file = join(dir, 'restart.sqlite');
    const first = await start(file);
    expect(await stageOf(first)).toBe('Qualification');
    await moveStage(first);
    await stop(first);

    const second = await start(file);
    expect(await stageOf(second)).toBe('Proposal');
    const client = await connectAs(authority, second, 'morgan');
    const account = outputs.getAccount.parse(
      (await client.call('get_account', { accountId: deal.accountId })).structured,
    );
    await client.client.close();
    expect(account.recentActivities[0]).toEqual({
      date: '2026-11-15',
      type: 'meeting',
      subject: 'Scoping workshop with the buyer',
      repId: 'alex',
    });
    await stop(second);
  });

  it('resets to the seed: from the running server, and from the file while the CRM runs', async () => {
    const file = join(dir, 'reset.sqlite');
    const crm = await start(file);
    await moveStage(crm);
    expect(await stageOf(crm)).toBe('Proposal');
    crm.reset();
    expect(await stageOf(crm)).toBe('Qualification');

    await moveStage(crm);
    // What `pnpm crm:reset` does, through another connection to the same file.
    resetCrmStore({ file, now: NOW });
    expect(await stageOf(crm)).toBe('Qualification');
    const peek = CrmStore.open({ file, now: NOW });
    expect(peek.dataset()).toEqual(seed);
    peek.close();
    await stop(crm);
  });
});
