import { describe, expect, it } from 'vitest';
import { TOOLS } from './testing/crm-tool-descriptors.js';
import { ALL_TOOLS } from './testing/crm-write-tool-descriptors.js';
import { chat, collect, model } from './testing/offline-run.js';

/** The calls the offline model makes for a question, offered the CRM's reads and writes. */
async function callsWith(question: string, tools = ALL_TOOLS) {
  const chunks = await collect(model.stream(chat(question, { tools })));
  return chunks.flatMap((c) =>
    c.type === 'tool_call'
      ? [{ name: c.call.name, args: JSON.parse(c.call.arguments) as unknown }]
      : [],
  );
}

// The test clock says Tuesday 2026-11-24.
describe('offline model: plain requests to change a deal', () => {
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
    const withWrites = await callsWith(question);
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
});
