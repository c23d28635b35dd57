import { formatToolResult } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { TOOLS } from './testing/crm-tool-descriptors.js';
import { ALL_TOOLS, TOOLS_WITHOUT_LOOKUP } from './testing/crm-write-tool-descriptors.js';
import { chat, collect, model, textOf } from './testing/offline-run.js';

/** The calls the offline model makes for a question, offered the CRM's reads and writes. */
async function callsWith(question: string, tools = TOOLS_WITHOUT_LOOKUP) {
  const chunks = await collect(model.stream(chat(question, { tools })));
  return chunks.flatMap((c) =>
    c.type === 'tool_call'
      ? [{ name: c.call.name, args: JSON.parse(c.call.arguments) as unknown }]
      : [],
  );
}

// The test clock says Tuesday 2026-11-24.
describe('offline model: plain requests to change a deal (no lookup tool offered)', () => {
  it.each([
    [
      'Log a call with Quarry Robotics: we agreed on a pilot',
      'crm__log_activity',
      { opportunity: 'Quarry Robotics', kind: 'call', summary: 'We agreed on a pilot' },
    ],
    [
      'Log a meeting with Falcon Health',
      'crm__log_activity',
      { opportunity: 'Falcon Health', kind: 'meeting', summary: 'Meeting with Falcon Health' },
    ],
    [
      'Add a note on Quarry Robotics: budget moved to next year.',
      'crm__log_activity',
      { opportunity: 'Quarry Robotics', kind: 'note', summary: 'Budget moved to next year' },
    ],
    [
      'Move the Falcon Health deal to Negotiation',
      'crm__update_stage',
      { opportunity: 'Falcon Health', stage: 'Negotiation' },
    ],
    [
      '@coach mark the Quarry Robotics deal as won',
      'crm__update_stage',
      { opportunity: 'Quarry Robotics', stage: 'Closed Won' },
    ],
    [
      'Set the next step for Quarry Robotics to a demo on Friday',
      'crm__update_next_step',
      { opportunity: 'Quarry Robotics', nextStep: 'Demo', nextStepDate: '2026-11-27' },
    ],
    [
      'Set the next step for Falcon Health to send the pricing proposal by 2026-12-04',
      'crm__update_next_step',
      {
        opportunity: 'Falcon Health',
        nextStep: 'Send the pricing proposal',
        nextStepDate: '2026-12-04',
      },
    ],
    [
      'Move the close date of Quarry Robotics to 2027-03-31',
      'crm__update_close_date',
      { opportunity: 'Quarry Robotics', closeDate: '2027-03-31' },
    ],
    [
      'Request a 10% discount for Quarry Robotics because they sign for two years',
      'crm__request_discount',
      { opportunity: 'Quarry Robotics', percent: 10, reason: 'They sign for two years' },
    ],
    [
      'Change the amount of the Falcon Health deal to $120k',
      'crm__update_amount',
      { opportunity: 'Falcon Health', amount: 120_000 },
    ],
    [
      'Move opp-0408 to Negotiation',
      'crm__update_stage',
      { opportunityId: 'opp-0408', stage: 'Negotiation' },
    ],
    [
      'Log a call on opp-0408: we agreed on a pilot',
      'crm__log_activity',
      { opportunityId: 'opp-0408', kind: 'call', summary: 'We agreed on a pilot' },
    ],
  ])('"%s" → %s', async (question, tool, args) => {
    expect(await callsWith(question)).toEqual([{ name: tool, args }]);
  });

  it.each([
    ['How is my pipeline this quarter?', 'crm__pipeline_summary'],
    ['Which of my deals are at risk?', 'crm__deal_risks'],
    ['List Negotiation deals over $50k closing in Q3 2026', 'crm__list_opportunities'],
    ['Am I on track for quota last quarter?', 'crm__forecast'],
    ["Tell me about Fabrikam's team", 'crm__search_accounts'],
    ['What is the next step for Quarry Robotics?', 'crm__search_accounts'],
    ['How should I ask for a discount approval?', 'playbook__search_playbook'],
  ])('a question is still a read with the writes offered: "%s" → %s', async (question, tool) => {
    const withWrites = await callsWith(question, ALL_TOOLS);
    expect(withWrites[0]?.name).toBe(tool);
    expect(withWrites).toEqual(await callsWith(question, TOOLS));
  });

  it('makes no call when the request names no deal, or no offered tool makes the change', async () => {
    const writes = new Set(ALL_TOOLS.filter((t) => !TOOLS.includes(t)).map((t) => t.name));
    const unnamed = await callsWith('Move it to Negotiation');
    expect(unnamed.filter((c) => writes.has(c.name))).toEqual([]);
    expect(await callsWith('Move the Falcon Health deal to Negotiation', TOOLS)).not.toContainEqual(
      expect.objectContaining({ name: 'crm__update_stage' }),
    );
  });

  it('answers a write that matched several deals by asking for the id, and says nothing changed', async () => {
    const error =
      'Invalid request: "Quarry Robotics" matches 2 of your opportunities: opp-0408 Quarry Robotics – Enterprise licence (Negotiation, $51,500, closes 2026-07-30); opp-0562 Quarry Robotics – Team expansion (Negotiation, $86,500, closes 2026-04-16). Ask which one is meant and call again with its opportunityId. No change made.';
    const result = formatToolResult(
      { ok: false, server: 'crm', tool: 'update_stage', text: '', durationMs: 4, error },
      20_000,
    );
    const question = 'Move the Quarry Robotics deal to Negotiation';
    const messages = [
      { role: 'user' as const, content: question },
      {
        role: 'assistant' as const,
        content: '',
        toolCalls: [{ id: 'c1', name: 'crm__update_stage', arguments: '{}' }],
      },
      { role: 'tool' as const, toolCallId: 'c1', content: result },
    ];
    const text = textOf(await collect(model.stream(chat(question, { messages }))));
    // One full stop, whether or not the tool's message ended with one.
    expect(text).toContain(`**crm / update_stage** failed: ${error}\n`);
    expect(text).toContain(
      '**Suggested next step:** Say which one you mean by its id (for example opp-0408) and ask again.',
    );
  });
});
