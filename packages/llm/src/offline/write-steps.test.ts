import { formatToolResult, type LlmMessage } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { ANSWER_LABEL } from './answer-writer.js';
import { ALL_TOOLS } from './testing/crm-write-tool-descriptors.js';
import { chat, collect, model, textOf } from './testing/offline-run.js';

const QUESTION = 'Move the Falcon Health deal to Negotiation';
const row = (id: string, name: string) => ({
  id,
  name,
  accountName: 'Falcon Health',
  stage: 'Proposal',
  amount: 42_000,
  closeDate: '2026-12-04',
});

/** One round of the offline model after the calls and results so far in this turn. */
async function round(calls: { name: string; args: unknown; data: unknown }[]) {
  const messages: LlmMessage[] = [{ role: 'user', content: QUESTION }];
  calls.forEach((call, i) => {
    const [server, tool] = call.name.split('__') as [string, string];
    messages.push(
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: `c${i}`, name: call.name, arguments: JSON.stringify(call.args) }],
      },
      {
        role: 'tool',
        toolCallId: `c${i}`,
        content: formatToolResult(
          { ok: true, server, tool, structuredContent: call.data, text: 'ok', durationMs: 1 },
          20_000,
        ),
      },
    );
  });
  const chunks = await collect(model.stream(chat(QUESTION, { tools: ALL_TOOLS, messages })));
  const calls_ = chunks.flatMap((c) =>
    c.type === 'tool_call'
      ? [{ name: c.call.name, args: JSON.parse(c.call.arguments) as unknown }]
      : [],
  );
  return { calls: calls_, text: textOf(chunks) };
}

const lookup = {
  name: 'crm__list_opportunities',
  args: { nameContains: 'Falcon Health', openOnly: true },
};

describe('offline model: a deal named by name is looked up before it is changed', () => {
  it('first lists the open deals that match the name', async () => {
    expect((await round([])).calls).toEqual([lookup]);
  });

  it('one match: the change names that deal by its id', async () => {
    const found = {
      ...lookup,
      data: { total: 1, rows: [row('opp-0440', 'Falcon Health – Pilot')] },
    };
    expect((await round([found])).calls).toEqual([
      { name: 'crm__update_stage', args: { opportunityId: 'opp-0440', stage: 'Negotiation' } },
    ]);
  });

  it('several matches: no change is proposed; the answer lists them and asks which, by id', async () => {
    const rows = [
      row('opp-0285', 'Falcon Health – Analytics add-on'),
      row('opp-0481', 'Falcon Health – Pilot'),
    ];
    const { calls, text } = await round([{ ...lookup, data: { total: 2, rows } }]);
    expect(calls).toEqual([]);
    expect(text).toBe(
      `${ANSWER_LABEL}\n\n"Falcon Health" matches 2 of your open deals, so nothing was changed yet:\n\n` +
        '- opp-0285 — Falcon Health – Analytics add-on (Proposal, $42,000, closes 2026-12-04)\n' +
        '- opp-0481 — Falcon Health – Pilot (Proposal, $42,000, closes 2026-12-04)\n\n' +
        'Say which one by its id, for example: "Move the opp-0285 deal to Negotiation".\n',
    );
  });

  it('no match: nothing is proposed, and the answer says so', async () => {
    const { calls, text } = await round([{ ...lookup, data: { total: 0, rows: [] } }]);
    expect(calls).toEqual([]);
    expect(text).toContain(
      'None of your open deals matches "Falcon Health", so nothing was changed',
    );
  });

  it('after a change that waits for approval, says exactly what was asked and that nothing changed yet', async () => {
    const found = {
      ...lookup,
      data: { total: 1, rows: [row('opp-0440', 'Falcon Health – Pilot')] },
    };
    const change = {
      name: 'crm__update_stage',
      args: { opportunityId: 'opp-0440', stage: 'Negotiation' },
      data: { status: 'awaiting_approval', approvalId: 'a-1', waitingFor: 'a Manager' },
    };
    const { calls, text } = await round([found, change]);
    expect(calls).toEqual([]);
    expect(text).toBe(
      `${ANSWER_LABEL}\n\nI asked for this change: **Update stage** (opportunityId opp-0440, stage Negotiation). Nothing changes until it is approved.\n`,
    );
  });

  it('after a change that ran, answers from its result without the lookup', async () => {
    const found = {
      ...lookup,
      data: { total: 1, rows: [row('opp-0440', 'Falcon Health – Pilot')] },
    };
    const change = {
      name: 'crm__update_stage',
      args: { opportunityId: 'opp-0440', stage: 'Negotiation' },
      data: {
        changed: true,
        changes: [{ field: 'stage', previous: 'Proposal', current: 'Negotiation' }],
      },
    };
    const { calls, text } = await round([found, change]);
    expect(calls).toEqual([]);
    expect(text).toContain('crm / update_stage');
    expect(text).not.toContain('crm / list_opportunities');
  });
});
