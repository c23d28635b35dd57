import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatToolResult,
  type LlmMessage,
  type LlmToolDefinition,
  type ToolCallOutcome,
  type User,
} from '@salescoach/domain';
import { createOfflineModel } from '@salescoach/llm/offline';
import type { McpHub } from '@salescoach/mcp';
import { startCrmHub, type CrmHub } from '@salescoach/mcp/testing';
import { type DevAuthority, startDevAuthority } from '@salescoach/auth/testing';

// The offline model's write requests against the real CRM's tool list (through the real MCP
// hub, as the engine offers them): the tool it picks and the arguments it fills are ones the
// CRM accepts, and the change shows in the CRM's reads.

const NOW = new Date('2026-11-15T12:00:00Z'); // a Sunday
const alex: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@salescoach.dev',
  roles: ['Sales'],
};

let hub: McpHub;
let crmHub: CrmHub;
let authority: DevAuthority;
const model = createOfflineModel({ clock: { now: () => NOW } });

beforeAll(async () => {
  authority = await startDevAuthority();
  crmHub = await startCrmHub({ authority, now: NOW });
  hub = crmHub.hub;
});

afterAll(async () => {
  await crmHub?.close();
  await authority?.close();
});

/**
 * Plays the offline model's rounds for a request, as the engine would: its read calls run on
 * the CRM and their results go back to it; the first write it proposes is returned (not run).
 */
async function callFor(question: string): Promise<{
  name: string;
  args: unknown;
  reads: string[];
  text: string;
}> {
  const tools: LlmToolDefinition[] = hub
    .toolsFor('Sales')
    .map((d) => ({ name: d.name, description: d.description, parameters: d.inputSchema }));
  const messages: LlmMessage[] = [{ role: 'user', content: question }];
  const reads: string[] = [];
  for (let round = 1; round <= 4; round++) {
    const calls: { id: string; name: string; arguments: string }[] = [];
    let text = '';
    for await (const chunk of model.stream({ purpose: 'chat', messages, tools, user: alex })) {
      if (chunk.type === 'tool_call') calls.push(chunk.call);
      if (chunk.type === 'text') text += chunk.text;
    }
    const [call] = calls;
    if (!call) return { name: '', args: undefined, reads, text };
    expect(calls).toHaveLength(1);
    if (!hub.toolsFor('Sales').find((d) => d.name === call.name)?.annotations?.readOnlyHint)
      return { name: call.name, args: JSON.parse(call.arguments) as unknown, reads, text };
    reads.push(call.name);
    const outcome = await run(call.name, JSON.parse(call.arguments));
    messages.push(
      { role: 'assistant', content: '', toolCalls: [call] },
      { role: 'tool', toolCallId: call.id, content: formatToolResult(outcome, 20_000) },
    );
  }
  throw new Error('no write proposed in four rounds');
}

// Writes reach the CRM only under an approval (the hub refuses them otherwise); what is under
// test here is the call the model makes, so each runs as if alex had approved it.
const run = async (name: string, args: unknown) =>
  hub.call(name, args, {
    user: alex,
    role: 'Sales',
    token: await authority.token(alex.id),
    approval: { id: 'approved-in-test', decidedBy: { id: alex.id, name: alex.name } },
  });

/** Alex's one Quarry Robotics deal and the account's recent activities, as the reads show them. */
const quarry = async () => {
  const account = await run('crm__get_account', { accountId: 'Quarry Robotics' });
  const detail = account.structuredContent as {
    account: { id: string };
    recentActivities: { subject: string; type: string }[];
  };
  const list = await run('crm__list_opportunities', {
    accountId: detail.account.id,
    openOnly: true,
  });
  const rows = (
    list.structuredContent as {
      rows: { id: string; stage: string; closeDate: string; nextStep: string | null }[];
    }
  ).rows;
  expect(rows).toHaveLength(1);
  return { row: rows[0]!, activities: detail.recentActivities };
};

/** Alex's one open Quarry Robotics deal in the seed. */
let quarryId: string;

describe('offline model → real CRM write tools', () => {
  beforeAll(async () => {
    quarryId = (await quarry()).row.id;
  });

  it.each([
    [
      'Log a call with Quarry Robotics: we agreed on a pilot',
      'crm__log_activity',
      (s: Awaited<ReturnType<typeof quarry>>) =>
        expect(s.activities[0]).toMatchObject({ type: 'call', subject: 'We agreed on a pilot' }),
    ],
    [
      'Set the next step for Quarry Robotics to a demo on Friday',
      'crm__update_next_step',
      (s: Awaited<ReturnType<typeof quarry>>) => expect(s.row.nextStep).toBe('Demo'),
    ],
    [
      'Move the close date of Quarry Robotics to 2027-03-31',
      'crm__update_close_date',
      (s: Awaited<ReturnType<typeof quarry>>) => expect(s.row.closeDate).toBe('2027-03-31'),
    ],
    [
      'Move the Quarry Robotics deal to Negotiation',
      'crm__update_stage',
      (s: Awaited<ReturnType<typeof quarry>>) => expect(s.row.stage).toBe('Negotiation'),
    ],
    [
      'Request a 10% discount for Quarry Robotics because they sign for two years',
      'crm__request_discount',
      (_s: Awaited<ReturnType<typeof quarry>>, outcome: ToolCallOutcome) =>
        expect(outcome.structuredContent).toMatchObject({
          discountRequest: { percent: 10, reason: 'They sign for two years', status: 'requested' },
        }),
    ],
  ])('"%s" → %s, accepted and seen by the reads', async (question, tool, check) => {
    const call = await callFor(question);
    // The deal was looked up by name first, so the change names it by id.
    expect(call.reads).toEqual(['crm__list_opportunities']);
    expect(call.name).toBe(tool);
    expect(call.args).toMatchObject({ opportunityId: quarryId });
    const outcome = await run(call.name, call.args);
    expect(outcome.ok, outcome.text).toBe(true);
    check(await quarry(), outcome);
  });

  it('a name that matches several deals: no change is proposed; the answer lists them by id', async () => {
    const call = await callFor('Move the Falcon Health deal to Negotiation');
    expect(call.reads).toEqual(['crm__list_opportunities']);
    expect(call.name).toBe('');
    expect(call.text).toMatch(
      /"Falcon Health" matches [2-9] of your open deals, so nothing was changed/,
    );
    expect(call.text).toMatch(/\n- opp-\d{4} — Falcon Health – /);
    expect(call.text).toMatch(
      /Say which one by its id, for example: "Move the opp-\d{4} deal to Negotiation"/,
    );
  });
});
