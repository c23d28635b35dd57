import { formatToolResult, type LlmMessage, type LlmToolDefinition } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { ANSWER_LABEL } from './answer-writer.js';
import { createOfflineModel, NO_TOOL_LABEL } from './offline-model.js';
import { TOOLS } from './testing/crm-tool-descriptors.js';
import { callsFor, chat, clock, collect, model, textOf } from './testing/offline-run.js';

describe('offline model: choosing tools and filling arguments', () => {
  it('"How is my pipeline this quarter?" → the pipeline summary for me, this quarter', async () => {
    expect(await callsFor('How is my pipeline this quarter?')).toEqual([
      { name: 'crm__pipeline_summary', args: { quarter: '2026-Q4', owner: 'me' } },
    ]);
  });

  it('reads groupBy and a relative quarter: "pipeline by owner for next quarter"', async () => {
    expect(await callsFor('Show the pipeline by owner for next quarter')).toEqual([
      { name: 'crm__pipeline_summary', args: { quarter: '2027-Q1', groupBy: 'owner' } },
    ]);
  });

  it('"Which of my deals are at risk?" → deal risks, not a plain deal list', async () => {
    expect(await callsFor('Which of my deals are at risk?')).toEqual([
      { name: 'crm__deal_risks', args: { owner: 'me' } },
    ]);
  });

  it('fills a stage, a minimum amount and an explicit quarter for an opportunity question', async () => {
    expect(await callsFor('List Negotiation deals over $50k closing in Q3 2026')).toEqual([
      {
        name: 'crm__list_opportunities',
        args: { stage: 'Negotiation', quarter: '2026-Q3', minAmount: 50_000 },
      },
    ]);
  });

  it('a question about quota goes to the forecast', async () => {
    const calls = await callsFor('Am I on track for quota last quarter?');
    expect(calls[0]).toEqual({ name: 'crm__forecast', args: { quarter: '2026-Q3', owner: 'me' } });
  });

  it('"Contoso pushes back on price — how do I handle it?" → a playbook search with the question', async () => {
    const question = 'Contoso pushes back on price — how do I handle it?';
    expect(await callsFor(question)).toEqual([
      { name: 'playbook__search_playbook', args: { query: question } },
    ]);
  });

  it('a named company with no other topic → an account search for the name', async () => {
    expect(await callsFor("Tell me about Fabrikam's team")).toEqual([
      { name: 'crm__search_accounts', args: { query: 'Fabrikam' } },
    ]);
  });

  it('uses the asker\'s email for an owner field that does not take "me"', async () => {
    const tools: LlmToolDefinition[] = [
      {
        name: 'sales__pipeline',
        description: 'Pipeline totals',
        parameters: {
          type: 'object',
          properties: { owner: { type: 'string', description: 'Owner email' } },
        },
      },
    ];
    const chunks = await collect(model.stream(chat('How is my pipeline?', { tools })));
    expect(chunks.find((c) => c.type === 'tool_call')).toMatchObject({
      call: { arguments: '{"owner":"alex@contoso.example"}' },
    });
  });

  it('never calls a tool whose required arguments it cannot fill', async () => {
    const tools = TOOLS.filter((t) => t.name === 'crm__get_account');
    const chunks = await collect(model.stream(chat('Show me the account details', { tools })));
    expect(chunks.some((c) => c.type === 'tool_call')).toBe(false);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('with no matching tool, answers with a labelled list of what it can do', async () => {
    const chunks = await collect(model.stream(chat('what is the weather like today?')));
    const text = textOf(chunks);
    expect(text.startsWith(NO_TOOL_LABEL)).toBe(true);
    expect(text).toContain('- **Pipeline summary** — Deals closing in a quarter');
    expect(text).not.toContain('crm__');
    expect(chunks.slice(-2)).toEqual([
      { type: 'usage', inputTokens: 0, outputTokens: 0 },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('names a source the user has not connected with the words to connect it', async () => {
    const system =
      '- **notes** (not connected): Team notes. Its tools are not available until the user connects it.';
    const request = chat('What do my team notes say?', { tools: [] });
    const text = textOf(
      await collect(
        model.stream({
          ...request,
          messages: [{ role: 'system', content: system }, ...request.messages],
        }),
      ),
    );
    expect(text).toContain('Connect notes to use its tools');
    const plain = textOf(await collect(model.stream(chat('What do my team notes say?'))));
    expect(plain).not.toContain('Connect');
  });

  it('with no tools at all (a role without data access), says it cannot look anything up', async () => {
    const text = textOf(
      await collect(model.stream(chat('How is my pipeline this quarter?', { tools: [] }))),
    );
    expect(text).toContain('No data tools are available');
  });
});

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

describe('offline model: titles, identity and aborts', () => {
  it('titles a session with the first line of the question, cut at a word boundary to 60 characters', async () => {
    const question =
      'Can you compare the pipeline of every rep in the EMEA region against their quota for next quarter?\nThanks';
    const title = textOf(
      await collect(
        model.stream({
          purpose: 'utility',
          messages: [
            { role: 'system', content: 'Name it' },
            { role: 'user', content: question },
          ],
        }),
      ),
    );
    expect(title).toBe('Can you compare the pipeline of every rep in the EMEA region');
    expect(title.length).toBeLessThanOrEqual(60);
    const short = textOf(
      await collect(
        model.stream({
          purpose: 'utility',
          messages: [{ role: 'user', content: '  How is my pipeline?  ' }],
        }),
      ),
    );
    expect(short).toBe('How is my pipeline?');
  });

  it('says it is the offline model', () => {
    expect(model.provider).toBe('offline');
    expect(model.modelFor('chat')).toBe('offline-coach');
  });

  it('stops with an AbortError when the signal aborts mid-answer', async () => {
    const slow = createOfflineModel({ clock, chunkSize: 4, chunkDelayMs: 5 });
    const controller = new AbortController();
    let texts = 0;
    let failure: unknown;
    try {
      for await (const chunk of slow.stream(
        chat('What is the weather?', { signal: controller.signal }),
      )) {
        if (chunk.type === 'text' && ++texts === 3) controller.abort();
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(texts).toBe(3);
  });
});
