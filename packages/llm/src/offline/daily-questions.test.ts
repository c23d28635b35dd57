import { formatToolResult, type LlmMessage } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { callsFor, chat, collect, model, textOf } from './testing/offline-run.js';

const result = (tool: string, structuredContent: Record<string, unknown>) =>
  formatToolResult(
    { ok: true, server: 'crm', tool, structuredContent, text: tool, durationMs: 2 },
    50_000,
  );

/** The turn so far: the question, then each round's tool calls and their results. */
function turn(question: string, rounds: { name: string; content: string }[][]): LlmMessage[] {
  const messages: LlmMessage[] = [{ role: 'user', content: question }];
  rounds.forEach((calls, r) => {
    messages.push({
      role: 'assistant',
      content: '',
      toolCalls: calls.map((c, i) => ({ id: `r${r}c${i}`, name: c.name, arguments: '{}' })),
    });
    calls.forEach((c, i) =>
      messages.push({ role: 'tool', toolCallId: `r${r}c${i}`, content: c.content }),
    );
  });
  return messages;
}

const risks = {
  asOf: '2026-11-24',
  staleDays: 14,
  total: 2,
  rows: [
    {
      opportunityId: 'opp-1',
      name: 'Vantage Labs expansion',
      accountName: 'Vantage Labs',
      ownerId: 'alex',
      ownerName: 'Alex Rivera',
      stage: 'Proposal',
      amount: 120_000,
      closeDate: '2026-12-10',
      risks: ['stale_next_step', 'single_contact'],
    },
    {
      opportunityId: 'opp-2',
      name: 'Granite Labs renewal',
      accountName: 'Granite Labs',
      ownerId: 'alex',
      ownerName: 'Alex Rivera',
      stage: 'Negotiation',
      amount: 80_000,
      closeDate: '2026-12-20',
      risks: ['slipped_close_date'],
    },
  ],
};

describe('offline model: the questions newcomers ask first', () => {
  it('reads "@coach how is the team pipeline?" in a room as a pipeline question', async () => {
    const calls = await callsFor('Sam Chen: @coach how is the team pipeline?');
    expect(calls.map((c) => c.name)).toEqual(['crm__pipeline_summary']);
  });

  it('reads "coach, tips for my pipeline this quarter" as data, not as a coaching question', async () => {
    const calls = await callsFor('coach, any tips for my pipeline this quarter?');
    expect(calls[0]?.name).toBe('crm__pipeline_summary');
  });

  it('still takes a real coaching question to the playbook', async () => {
    const calls = await callsFor('@coach Vantage Labs raised an objection on price');
    expect(calls.map((c) => c.name)).toEqual(['playbook__search_playbook']);
  });

  it('"Show the scorecards for every rep" (plural) → the rep scorecard', async () => {
    expect((await callsFor('Show the scorecards for every rep')).map((c) => c.name)).toEqual([
      'crm__rep_scorecard',
    ]);
  });

  it('an account by name is searched first, then fetched by the id of the hit that names it', async () => {
    expect(await callsFor('Tell me about Vantage Labs')).toEqual([
      { name: 'crm__search_accounts', args: { query: 'Vantage Labs' } },
    ]);
    const search = result('search_accounts', {
      total: 2,
      rows: [
        { id: 'acc-007', name: 'Vantage Foods', industry: 'Food' },
        { id: 'acc-003', name: 'Vantage Labs', industry: 'Biotech' },
      ],
    });
    const round1 = turn('Tell me about Vantage Labs', [
      [{ name: 'crm__search_accounts', content: search }],
    ]);
    const next = await collect(model.stream(chat('', { messages: round1 })));
    expect(next.flatMap((c) => (c.type === 'tool_call' ? [c.call] : []))).toEqual([
      { id: 'offline_2_1', name: 'crm__get_account', arguments: '{"accountId":"acc-003"}' },
    ]);

    const detail = result('get_account', {
      account: { id: 'acc-003', name: 'Vantage Labs', industry: 'Biotech' },
      contacts: [{ id: 'c-1', name: 'Dana Ito', title: 'CFO' }],
      opportunities: [{ id: 'opp-1', name: 'Vantage Labs expansion', amount: 120_000 }],
    });
    const round2 = turn('Tell me about Vantage Labs', [
      [{ name: 'crm__search_accounts', content: search }],
      [{ name: 'crm__get_account', content: detail }],
    ]);
    const text = textOf(await collect(model.stream(chat('', { messages: round2 }))));
    expect(text).toContain('Dana Ito');
    expect(text).toContain('Vantage Labs expansion');
    expect(text).not.toContain('Vantage Foods');
  });

  it('totals only add up money and counts, shows risk codes as words, and observes figures from the table', async () => {
    const messages = turn('Which of my deals are at risk?', [
      [{ name: 'crm__deal_risks', content: result('deal_risks', risks) }],
    ]);
    const text = textOf(await collect(model.stream(chat('', { messages }))));
    expect(text).toContain('**Totals:** Total 2');
    expect(text).not.toContain('Stale days');
    expect(text).toContain('stale next step, single contact');
    expect(text).not.toContain('stale_next_step');
    expect(text).toContain(
      '**Observation:** the largest amount is **Vantage Labs expansion** with $120,000 — 60% of $200,000 across 2 rows.',
    );
  });

  it('writes every row of a long table (up to 50) instead of "…and N more rows"', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      ...risks.rows[0],
      opportunityId: `opp-${i}`,
      name: `Deal ${i + 1}`,
    }));
    const messages = turn('Which of my deals are at risk?', [
      [{ name: 'crm__deal_risks', content: result('deal_risks', { ...risks, total: 25, rows }) }],
    ]);
    const text = textOf(await collect(model.stream(chat('', { messages }))));
    expect(text).toContain('| Deal 25 |');
    expect(text).not.toContain('more rows');
  });
});
