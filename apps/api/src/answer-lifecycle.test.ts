import type { Message } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  toolCallAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesCoachClient } from '@salescoach/client';
import {
  startScriptedMcpServer,
  type ScriptedMcpServer,
} from './reliability/scripted-mcp-server.js';
import { payrollServer } from './reliability/mcp-servers-file.js';
import { followSession, startTestStack, waitFor, type TestStack } from './testing/index.js';

/** The answer's life with a real OpenAI-compatible server (scripted) behind the real SDK. */
let model: ScriptedOpenAiServer;
let payroll: ScriptedMcpServer;
let stack: TestStack;
beforeAll(async () => {
  model = await startScriptedOpenAiServer();
  // A real MCP server whose one tool is offered to HR only.
  payroll = await startScriptedMcpServer([
    { name: 'export_salaries', description: 'Exports salaries', reply: 'Alex: 100000' },
  ]);
  stack = await startTestStack({
    openAiBaseUrl: model.url,
    extraServers: [payrollServer(payroll.url)],
    env: {
      LLM_MAX_RETRIES: '1',
      LLM_TIMEOUT_MS: '3000',
      SENDS_PER_MINUTE: '6',
    },
  });
  await waitFor(() =>
    stack.server.composition.hub.status().filter((s) => s.connected && s.toolCount > 0).length === 2
      ? true
      : undefined,
  );
});
afterAll(async () => {
  await stack.close();
  await payroll.close();
  await model.close();
});

async function ask(client: SalesCoachClient, content: string, sessionId?: string) {
  const id = sessionId ?? (await client.api.chat.sessions.create.mutate({ title: 'lifecycle' })).id;
  const seen = await followSession(client, id);
  const sent = await client.api.chat.send.mutate({
    sessionId: id,
    content,
    clientMessageId: crypto.randomUUID(),
  });
  const ended = async () => {
    await seen.until((all) =>
      all.some(
        (e) =>
          (e.event.type === 'answer.completed' || e.event.type === 'answer.failed') &&
          e.event.message.seq > sent.seq,
      ),
    );
    seen.stop();
    const last = [...seen.events]
      .reverse()
      .find((e) => e.event.type === 'answer.completed' || e.event.type === 'answer.failed');
    return last?.event as {
      type: 'answer.completed' | 'answer.failed';
      message: Message;
      reason?: string;
    };
  };
  return { sessionId: id, sent, seen, ended };
}

describe('answer lifecycle', () => {
  it('streams a model answer with a tool call split across chunks', async () => {
    model.script([
      toolCallAnswer([
        {
          name: 'crm__pipeline_summary',
          arguments: { quarter: '2026-Q4', groupBy: 'stage', owner: 'me' },
        },
      ]),
      textAnswer(
        '| Stage | Amount |\n|---|---|\n| Proposal | $120,000 |\n| Negotiation | $80,000 |\n\nFocus on Proposal.',
      ),
    ]);
    const { ended } = await ask(stack.client('alex'), 'How is my pipeline?');
    const end = await ended();
    expect(end.type).toBe('answer.completed');
    expect(end.message.toolCalls).toEqual([
      expect.objectContaining({ server: 'crm', tool: 'pipeline_summary', status: 'ok' }),
    ]);
    expect(end.message.attachments.tables[0]?.columns).toEqual(['Stage', 'Amount']);
    expect(end.message.model).toEqual({
      provider: 'openai',
      name: stack.settings.models.chat.name,
    });
    const toolRound = model.requests.at(-1)?.body as {
      messages: { role: string; content: string }[];
    };
    expect(
      toolRound.messages.some((m) => m.role === 'tool' && m.content.includes('UNTRUSTED')),
    ).toBe(true);
  });

  it('stop keeps the partial answer as interrupted', async () => {
    model.script([textAnswer('word '.repeat(400), { chunkSize: 5, delayMs: 10 })]);
    const alex = stack.client('alex');
    const { sessionId, seen, ended } = await ask(alex, 'Tell me a long story');
    await seen.until((all) => all.filter((e) => e.event.type === 'answer.delta').length >= 2);
    await alex.api.chat.stop.mutate({ sessionId });
    const end = await ended();
    expect(end.message.status).toBe('interrupted');
    expect(end.message.content.length).toBeGreaterThan(0);
    expect(end.message.content.length).toBeLessThan('word '.repeat(400).length);
  });

  it('a model failing past its retries ends in answer.failed, the question intact, and a retry works', async () => {
    model.script([
      { type: 'error', status: 503, message: 'overloaded' },
      { type: 'error', status: 503, message: 'overloaded' },
    ]);
    const sam = stack.client('sam');
    const first = await ask(sam, 'Summarise my week');
    const end = await first.ended();
    expect(end.type).toBe('answer.failed');
    expect(end.message.status).toBe('failed');
    expect(end.message.error).toBeTruthy();
    const history = await sam.api.chat.messages.list.query({ sessionId: first.sessionId });
    expect(history.messages[0]).toMatchObject({ content: 'Summarise my week', status: 'complete' });

    model.script([textAnswer('Here is your week.')]);
    const retry = await ask(sam, 'Summarise my week', first.sessionId);
    expect((await retry.ended()).message).toMatchObject({
      status: 'complete',
      content: 'Here is your week.',
    });
  });

  it('refuses a tool outside the role even when the model asks for it, and shows the refusal', async () => {
    // payroll__export_salaries is a real tool on a connected server, offered to HR only.
    model.script([
      toolCallAnswer([
        { name: 'payroll__export_salaries', arguments: { everyone: true } },
        { name: 'crm__search_accounts', arguments: { query: 'Contoso' } },
      ]),
      textAnswer('Done.'),
    ]);
    const end = await (await ask(stack.client('alex'), 'Find Contoso')).ended();
    expect(end.message.toolCalls).toEqual([
      expect.objectContaining({ server: 'payroll', tool: 'export_salaries', status: 'refused' }),
      expect.objectContaining({ server: 'crm', tool: 'search_accounts', status: 'ok' }),
    ]);
    expect(payroll.calls).toEqual([]);
  });

  it('limits sends per minute with a clear error', async () => {
    model.setFallback(textAnswer('ok'));
    const riley = stack.client('riley');
    const session = await riley.api.chat.sessions.create.mutate({});
    const seen = await followSession(riley, session.id);
    const results: string[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        await riley.api.chat.send.mutate({
          sessionId: session.id,
          content: `q${i}`,
          clientMessageId: `rl-${i}`,
        });
        results.push('ok');
        // Send the next question once this one is answered (one answer per conversation).
        const answered = results.filter((r) => r === 'ok').length;
        await seen.until(
          (all) => all.filter((e) => e.event.type === 'answer.completed').length === answered,
        );
      } catch (error) {
        results.push((error as { data?: { domainCode?: string } }).data?.domainCode ?? 'other');
      }
    }
    seen.stop();
    model.setFallback(undefined);
    expect(results.filter((r) => r === 'ok')).toHaveLength(6);
    expect(results.slice(6)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});
