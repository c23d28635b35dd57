import type { LlmToolDefinition } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { NO_TOOL_LABEL } from './offline-model.js';
import { TOOLS } from './testing/crm-tool-descriptors.js';
import { callsFor, chat, collect, model, textOf } from './testing/offline-run.js';

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
