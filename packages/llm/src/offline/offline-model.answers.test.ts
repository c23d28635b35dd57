import { formatToolResult, type LlmMessage } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { ANSWER_LABEL } from './answer-writer.js';
import { chat, collect, model, textOf } from './testing/offline-run.js';

describe('offline model: answering from tool results', () => {
  const pipeline = {
    quarter: '2026-Q4',
    groupBy: 'stage',
    owner: 'alex',
    rows: [
      {
        group: 'Qualification',
        count: 3,
        amount: 210_000,
        openAmount: 210_000,
        weightedAmount: 42_000,
        wonAmount: 0,
      },
      {
        group: 'Negotiation',
        count: 2,
        amount: 1_250_000,
        openAmount: 1_250_000,
        weightedAmount: 937_500,
        wonAmount: 0,
      },
      {
        group: 'Closed | Won',
        count: 1,
        amount: 90_000,
        openAmount: 0,
        weightedAmount: 90_000,
        wonAmount: 90_000,
      },
    ],
    total: {
      count: 6,
      amount: 1_550_000,
      openAmount: 1_460_000,
      weightedAmount: 1_069_500,
      wonAmount: 90_000,
    },
  };
  const answerRound = (results: string[]): LlmMessage[] => [
    { role: 'user', content: 'How is my pipeline this quarter?' },
    {
      role: 'assistant',
      content: '',
      toolCalls: results.map((_, i) => ({
        id: `c${i}`,
        name: 'crm__pipeline_summary',
        arguments: '{}',
      })),
    },
    ...results.map((content, i) => ({ role: 'tool' as const, toolCallId: `c${i}`, content })),
  ];

  it('writes a labelled answer with a GFM table, an observation and a next step, streamed in chunks', async () => {
    const result = formatToolResult(
      {
        ok: true,
        server: 'crm',
        tool: 'pipeline_summary',
        structuredContent: pipeline,
        text: 'summary',
        durationMs: 3,
      },
      20_000,
    );
    const chunks = await collect(model.stream(chat('', { messages: answerRound([result]) })));
    const text = textOf(chunks);

    expect(text.split('\n')[0]).toBe(ANSWER_LABEL);
    expect(text).toContain('Pipeline summary (from **crm / pipeline_summary**):');
    expect(text).toContain(
      '| Group | Count | Amount | Open amount | Weighted amount | Won amount |',
    );
    expect(text).toContain('| --- | ---: | ---: | ---: | ---: | ---: |');
    expect(text).toContain('| Negotiation | 2 | $1,250,000 | $1,250,000 | $937,500 | $0 |');
    expect(text).toContain('| Closed \\| Won | 1 | $90,000 |');
    expect(text).toContain('**Totals:** Count 6 · Amount $1,550,000');
    expect(text).toMatch(
      /\*\*Observation:\*\* the largest open amount is \*\*Negotiation\*\* with \$1,250,000 — 86% of \$1,460,000 across 3 rows\./,
    );
    expect(text).toContain('**Suggested next step:**');
    expect(chunks.filter((c) => c.type === 'text').length).toBeGreaterThan(10);
    expect(chunks.every((c) => c.type !== 'text' || c.text.length <= 16)).toBe(true);
    expect(chunks.some((c) => c.type === 'tool_call')).toBe(false);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('names a failed tool honestly beside the ones that worked', async () => {
    const ok = formatToolResult(
      {
        ok: true,
        server: 'crm',
        tool: 'pipeline_summary',
        structuredContent: pipeline,
        text: '',
        durationMs: 3,
      },
      20_000,
    );
    const failed = formatToolResult(
      {
        ok: false,
        server: 'crm',
        tool: 'deal_risks',
        text: '',
        error: 'the CRM server is unavailable',
        durationMs: 3,
      },
      20_000,
    );
    const text = textOf(
      await collect(model.stream(chat('', { messages: answerRound([ok, failed]) }))),
    );
    expect(text).toContain('**crm / deal_risks** failed: the CRM server is unavailable.');
    expect(text).toContain('| Negotiation |');
  });

  it('quotes a text-only result (a playbook excerpt) instead of inventing a table', async () => {
    const result = formatToolResult(
      {
        ok: true,
        server: 'playbook',
        tool: 'search_playbook',
        text: 'Price objections: ask what the price is compared with.\nAnchor on value.',
        durationMs: 2,
      },
      20_000,
    );
    const text = textOf(await collect(model.stream(chat('', { messages: answerRound([result]) }))));
    expect(text).toContain(
      '> Price objections: ask what the price is compared with.\n> Anchor on value.',
    );
    expect(text).not.toContain('| --- |');
    expect(text).toContain('Try the approach on your next call');
  });

  it('observes the open pipeline when a summary has it, not totals that include closed deals', async () => {
    const rows = [
      { stage: 'Negotiation', amount: 100_000, openAmount: 100_000 },
      { stage: 'Closed Won', amount: 300_000, openAmount: 0 },
    ];
    const result = formatToolResult(
      {
        ok: true,
        server: 'crm',
        tool: 'pipeline_summary',
        structuredContent: { rows },
        text: '',
        durationMs: 2,
      },
      20_000,
    );
    const text = textOf(await collect(model.stream(chat('', { messages: answerRound([result]) }))));
    expect(text).toContain(
      '**Observation:** the largest open amount is **Negotiation** with $100,000',
    );
  });

  it('lists search hits (title + excerpt) as quotes, closest first, not as a table of scores', async () => {
    const hits = {
      query: 'price',
      results: [
        {
          id: 'price-pushback',
          title: 'Handling price pushback',
          score: 0.8,
          excerpt: 'Trade, never give.',
        },
        {
          id: 'objections',
          title: 'Common objections',
          score: 0.2,
          excerpt: 'See the price note.',
        },
      ],
    };
    const result = formatToolResult(
      {
        ok: true,
        server: 'playbook',
        tool: 'search_playbook',
        structuredContent: hits,
        text: '',
        durationMs: 2,
      },
      20_000,
    );
    const text = textOf(await collect(model.stream(chat('', { messages: answerRound([result]) }))));
    expect(text).toContain(
      '- **Handling price pushback** — Trade, never give.\n- **Common objections** — See the price note.',
    );
    expect(text).not.toContain('| Score |');
    expect(text).not.toContain('largest score');
  });

  it('says a tool found nothing when its lists are empty, instead of an empty table', async () => {
    const result = formatToolResult(
      {
        ok: true,
        server: 'crm',
        tool: 'search_accounts',
        structuredContent: { total: 0, rows: [] },
        text: '',
        durationMs: 2,
      },
      20_000,
    );
    const text = textOf(await collect(model.stream(chat('', { messages: answerRound([result]) }))));
    expect(text).toContain('**crm / search_accounts** found nothing for this question.');
    expect(text).not.toContain('| --- |');
  });

  it('answers only from the results of the current turn, not an earlier one', async () => {
    const old = formatToolResult(
      {
        ok: true,
        server: 'crm',
        tool: 'pipeline_summary',
        structuredContent: pipeline,
        text: '',
        durationMs: 3,
      },
      20_000,
    );
    const messages: LlmMessage[] = [
      ...answerRound([old]),
      { role: 'assistant', content: 'Earlier answer' },
      { role: 'user', content: 'Which of my deals are at risk?' },
    ];
    const chunks = await collect(model.stream(chat('', { messages })));
    expect(chunks.find((c) => c.type === 'tool_call')).toMatchObject({
      call: { name: 'crm__deal_risks', id: 'offline_3_1' },
    });
  });
});
