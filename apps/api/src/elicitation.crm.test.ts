import type { ConversationEvent } from '@salescoach/domain';
import { type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { DEFAULT_SEED, generateDataset } from '@salescoach/mcp-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propose } from './testing/approval-flow.js';
import { followSession, startScriptedStack, type ScriptedStack } from './testing/index.js';

/**
 * The real CRM server asks which deal a write meant (two of alex's open deals match the
 * name): the question reaches alex as a form after the write is approved, alex picks one,
 * and only that deal changes.
 */
let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
beforeAll(async () => {
  stack = await startScriptedStack({});
  model = stack.model;
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

/** An account where several of alex's open deals match its name (the CRM seeds around today). */
function ambiguousAccount() {
  const seed = generateDataset(DEFAULT_SEED, new Date());
  const open = seed.opportunities.filter(
    (o) => o.ownerId === 'alex' && !o.stage.startsWith('Closed'),
  );
  for (const account of seed.accounts) {
    const ids = open.filter((o) => o.accountId === account.id).map((o) => o.id);
    if (ids.length >= 2) return { name: account.name, ids: ids.sort() };
  }
  throw new Error('no account with two of alex’s open deals');
}

type Elicited = Extract<ConversationEvent, { type: 'tool.elicitation' }>;

describe('elicitation with the real CRM server', () => {
  it('asks alex which deal an approved write meant and changes only the one picked', async () => {
    const account = ambiguousAccount();
    const alex = stack.client('alex');
    const nextStepDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const { answer, approval } = await propose(
      model,
      alex,
      { kind: 'chat' },
      {
        name: 'crm__update_next_step',
        arguments: { opportunity: account.name, nextStep: 'Demo for the buyer', nextStepDate },
      },
    );
    expect(approval.policy).toBe('self');
    const seen = await followSession(alex, answer.conversationId);
    const decided = alex.api.approvals.decide.mutate({ id: approval.id, decision: 'approve' });
    await seen.until((all) => all.some((e) => e.event.type === 'tool.elicitation'));
    const { elicitation } = seen.events
      .map((e) => e.event)
      .find((e): e is Elicited => e.type === 'tool.elicitation')!;
    expect(elicitation).toMatchObject({ server: 'crm', askedBy: { id: 'dev:alex' } });
    const field = elicitation.requestedSchema.properties.opportunityId;
    expect(field?.type === 'string' && [...(field.enum ?? [])].sort()).toEqual(account.ids);
    const chosen = account.ids[1]!;
    await alex.api.elicitations.respond.mutate({
      id: elicitation.id,
      action: 'accept',
      content: { opportunityId: chosen },
    });
    const after = await decided;
    expect(after).toMatchObject({ status: 'approved', result: { ok: true } });
    expect(after.result?.summary).toContain(chosen);
    for (const other of account.ids.filter((id) => id !== chosen))
      expect(after.result?.summary).not.toContain(other);

    const audit = await stack.client('admin').api.audit.list.query({ tool: 'update_next_step' });
    expect(
      audit.entries.map((e) => [e.outcome, e.approval?.id, e.approval?.decidedBy?.id]),
    ).toEqual([
      ['ok', approval.id, 'dev:alex'],
      ['awaiting_approval', approval.id, undefined],
    ]);
    seen.stop();
  });
});
