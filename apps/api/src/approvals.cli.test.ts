import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAgainst, startTestStack, type TestStack } from './testing/index.js';

/**
 * The CLI flow on embedded defaults (offline model, real CRM over MCP, SQLite):
 * alex's stage change waits; alex and sam cannot approve it; morgan can; the CRM then shows
 * the new stage; the audit shows the request, the decision and the call.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

const cli = (args: string[]) => runCliAgainst(stack, args);

/** Alex's one Falcon Manufacturing deal as the CRM reads it for alex. */
async function dealStage(): Promise<string> {
  const alex = {
    id: 'dev:alex',
    tenantId: 'dev',
    name: 'Alex Rivera',
    email: 'alex@salescoach.dev',
    roles: ['Sales'],
  };
  const context = { user: alex, role: 'Sales', token: await stack.token('alex') };
  const hub = stack.server.composition.hub;
  const account = await hub.call(
    'crm__get_account',
    { accountId: 'Falcon Manufacturing' },
    context,
  );
  const accountId = (account.structuredContent as { account: { id: string } }).account.id;
  const list = await hub.call('crm__list_opportunities', { accountId }, context);
  const rows = (list.structuredContent as { rows: { stage: string }[] }).rows;
  expect(rows).toHaveLength(1);
  return rows[0]!.stage;
}

describe('salescoach approvals (CLI)', () => {
  it("alex's stage change waits; alex and sam cannot approve; morgan can; the CRM shows it; the audit lists it", async () => {
    expect(await dealStage()).not.toBe('Negotiation');
    const asked = await cli([
      'ask',
      'Move the Falcon Manufacturing deal to Negotiation',
      '--user',
      'alex',
      '--json',
    ]);
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout) as {
      sessionId: string;
      content: string;
      toolCalls: { server: string; tool: string; status: string; approvalId?: string }[];
    };
    const waiting = answer.toolCalls.find((c) => c.status === 'awaiting_approval');
    expect(waiting).toMatchObject({ server: 'crm', tool: 'update_stage' });
    const id = waiting!.approvalId!;
    expect(id).toEqual(expect.any(String));
    expect(answer.content).toMatch(/update_stage` waits for approval by a Manager of your team/);
    expect(await dealStage()).not.toBe('Negotiation');

    const listed = await cli(['approvals', 'list', '--user', 'morgan', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows.find((r) => r.id === id)).toEqual({
      id,
      server: 'crm',
      tool: 'update_stage',
      arguments: expect.objectContaining({ stage: 'Negotiation' }),
      askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
      conversationId: answer.sessionId,
      status: 'pending',
    });
    // alex sees their own request (and cannot decide it); sam is not shown it at all.
    const own = JSON.parse((await cli(['approvals', 'list', '--user', 'alex', '--json'])).stdout);
    expect((own as { id: string }[]).map((r) => r.id)).toContain(id);
    const samList = JSON.parse(
      (await cli(['approvals', 'list', '--user', 'sam', '--json'])).stdout,
    );
    expect((samList as { id: string }[]).map((r) => r.id)).not.toContain(id);

    const byAlex = await cli(['approvals', 'decide', id, '--approve', '--user', 'alex', '--json']);
    expect(byAlex.code).not.toBe(0);
    expect(byAlex.stderr).toMatch(/Only a Manager of your team may decide this request/);
    expect(byAlex.stdout).toBe('');
    const bySam = await cli(['approvals', 'decide', id, '--approve', '--user', 'sam', '--json']);
    expect(bySam.code).not.toBe(0);
    expect(bySam.stderr).toMatch(/Approval not found/);
    expect(await dealStage()).not.toBe('Negotiation');

    const byMorgan = await cli([
      'approvals',
      'decide',
      id,
      '--approve',
      '--user',
      'morgan',
      '--json',
    ]);
    expect(byMorgan.code, byMorgan.stderr).toBe(0);
    expect(JSON.parse(byMorgan.stdout)).toMatchObject({
      id,
      status: 'approved',
      decidedBy: { id: 'dev:morgan', name: 'Morgan Lee' },
      result: { ok: true },
    });
    expect(await dealStage()).toBe('Negotiation');

    const again = await cli(['approvals', 'decide', id, '--reject', '--user', 'morgan', '--json']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already approved/);

    const audit = await cli(['audit', '--user', 'morgan', '--tool', 'update_stage', '--json']);
    expect(audit.code, audit.stderr).toBe(0);
    const entries = (JSON.parse(audit.stdout) as { outcome: string; approval?: { id: string } }[])
      .filter((e) => e.approval?.id === id)
      .map((e) => e.outcome)
      .sort();
    expect(entries).toEqual(['awaiting_approval', 'ok']);
  });
});
