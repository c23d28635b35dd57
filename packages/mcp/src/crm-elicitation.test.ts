import type { ElicitationAnswer, ElicitationRequest, User } from '@salescoach/domain';
import { startDevAuthority, type DevAuthority } from '@salescoach/auth/testing';
import type { RunningCrmServer } from '@salescoach/mcp-crm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseElicitationSchema } from '@salescoach/domain';
import type { McpHub } from './mcp-hub.js';
import { startCrmHub, type CrmHub } from './testing/crm-hub.js';

// The real CRM asks, through the real hub, which deal a write means when its name matches
// several of the caller's deals.

const NOW = new Date('2026-11-15T12:00:00Z');
const alex: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};

let authority: DevAuthority;
let crm: RunningCrmServer;
let hub: McpHub;
let crmHub: CrmHub;
beforeAll(async () => {
  authority = await startDevAuthority();
  crmHub = await startCrmHub({ authority, now: NOW, roles: ['Sales'], timeoutMs: 10_000 });
  ({ crm, hub } = crmHub);
});
afterEach(() => crm.reset({ now: NOW }));
afterAll(async () => {
  await crmHub.close();
  await authority.close();
});

const call = async (
  name: string,
  args: Record<string, unknown>,
  elicit?: (request: ElicitationRequest) => Promise<ElicitationAnswer>,
) =>
  hub.call(name, args, {
    user: alex,
    role: 'Sales',
    token: await authority.token(alex.id),
    approval: { id: 'approved-in-test', decidedBy: { id: alex.id, name: alex.name } },
    ...(elicit ? { elicit } : {}),
  });

const nextSteps = async () => {
  const list = await call('crm__list_opportunities', {
    nameContains: 'Falcon Health',
    openOnly: true,
  });
  const rows = (list.structuredContent as { rows: { id: string; nextStep: string | null }[] }).rows;
  return new Map(rows.map((r) => [r.id, r.nextStep]));
};
/** The deal ids the CRM's form offers, read as the app reads a form. */
const choicesIn = (request: ElicitationRequest | undefined): string[] => {
  const field = parseElicitationSchema(request?.requestedSchema)?.properties.opportunityId;
  return field?.type === 'string' ? [...(field.enum ?? [])] : [];
};
const change = {
  opportunity: 'Falcon Health',
  nextStep: 'Pilot review',
  nextStepDate: '2026-11-20',
};

describe('the CRM asks through the hub which deal a write means', () => {
  it('the asker picks one of the deals the form offers; only that one changes', async () => {
    const before = await nextSteps();
    const asked: ElicitationRequest[] = [];
    const outcome = await call('crm__update_next_step', change, async (request) => {
      asked.push(request);
      const choices = choicesIn(request);
      return { action: 'accept', content: { opportunityId: choices[1] ?? '' } };
    });
    expect(outcome.ok, outcome.text).toBe(true);
    const [request] = asked;
    expect(request?.server).toBe('crm');
    // A form the app can show (primitive fields only); its choices are the matching deals.
    const choices = choicesIn(request);
    expect([...choices].sort()).toEqual([...before.keys()].sort());
    const chosen = choices[1]!;
    const after = await nextSteps();
    expect(after.get(chosen)).toBe('Pilot review');
    for (const [id, step] of before) if (id !== chosen) expect(after.get(id)).toBe(step);
  });

  it('a declined form, or no one to ask, changes nothing', async () => {
    const before = await nextSteps();
    const declined = await call('crm__update_next_step', change, async () => ({
      action: 'decline',
    }));
    expect(declined.ok).toBe(false);
    expect(declined.error ?? declined.text).toMatch(/No change made: the choice was declined/);
    const nobody = await call('crm__update_next_step', change);
    expect(nobody.ok).toBe(false);
    expect(await nextSteps()).toEqual(before);
  });
});
