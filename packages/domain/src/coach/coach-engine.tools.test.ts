import { describe, expect, it, vi } from 'vitest';
import type { Telemetry } from '../ports/telemetry.port.js';
import type { UnrunCall } from '../audit/audited-tool-hub.js';
import { parseToolResult } from './tool-result-format.js';
import { byType, limits, pipelineRows, setup } from './coach-engine.fixture.js';
import { alex, finish, text, toolCall, type ScriptStep } from './testing/engine-fakes.js';

describe('coach engine', () => {
  it('runs two tool calls of one round in parallel and feeds both results back', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const t = await setup([
      [
        text('Checking.'),
        toolCall('c1', 'crm__pipeline_summary', { quarter: 'current' }),
        toolCall('c2', 'crm__search_accounts', { query: 'Contoso' }),
        finish('tool_calls'),
      ],
      [
        text(
          '| Stage | Amount |\n|---|---|\n| Qualification | $250,000 |\n| Proposal | $420,000 |\n',
        ),
        finish(),
      ],
    ]);
    const originalCall = t.hub.call.bind(t.hub);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t.hub.call = async (name, args, context) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await held;
      inFlight--;
      return originalCall(name, args, context);
    };
    const running = t.run();
    // Both calls of the round are in flight before either may finish.
    await vi.waitFor(() => expect(inFlight).toBe(2));
    release();
    const answer = await running;

    expect(maxInFlight).toBe(2);
    expect(t.hub.calls.map((c) => [c.name, c.args])).toEqual([
      ['crm__pipeline_summary', { quarter: 'current' }],
      ['crm__search_accounts', { query: 'Contoso' }],
    ]);
    expect(t.hub.calls[0]!.context).toMatchObject({
      user: alex,
      role: 'Sales',
      token: 'tok',
      conversation: { kind: 'chat', id: 's1' },
    });
    expect(t.sink.types()).toEqual([
      'answer.started',
      'answer.delta',
      'tool.started',
      'tool.started',
      'tool.finished',
      'tool.finished',
      'answer.delta',
      'answer.completed',
    ]);
    const second = t.llm.requests[1]!.messages;
    const assistantTurn = second.at(-3);
    expect(assistantTurn).toMatchObject({ role: 'assistant', content: 'Checking.' });
    const results = second
      .slice(-2)
      .map((m) => (m.role === 'tool' ? [m.toolCallId, parseToolResult(m.content)] : undefined));
    expect(results[0]).toEqual([
      'c1',
      expect.objectContaining({
        server: 'crm',
        tool: 'pipeline_summary',
        ok: true,
        data: pipelineRows,
      }),
    ]);
    expect(results[1]?.[0]).toBe('c2');

    expect(answer.toolCalls.map((c) => [c.id, c.server, c.tool, c.status])).toEqual([
      ['c1', 'crm', 'pipeline_summary', 'ok'],
      ['c2', 'crm', 'search_accounts', 'ok'],
    ]);
    expect(answer.content.startsWith('Checking.\n\n| Stage')).toBe(true);
    expect(answer.attachments.tables).toHaveLength(1);
    expect(answer.attachments.charts.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a tool outside the role, never calls it, and records the refusal', async () => {
    const telemetryCalls: string[] = [];
    const telemetry: Telemetry = {
      answerStarted: () => telemetryCalls.push('started'),
      answerFinished: (status) => telemetryCalls.push(`finished:${status}`),
      toolFinished: (server, status) => telemetryCalls.push(`tool:${server}:${status}`),
      llmError: (code) => telemetryCalls.push(`llm:${code}`),
    };
    const t = await setup(
      [
        [toolCall('x1', 'hr__salaries', {}), finish('tool_calls')],
        [text('I cannot see salary data.'), finish()],
      ],
      { telemetry },
    );
    const answer = await t.run('Sales');

    expect(t.hub.calls).toEqual([]);
    expect(answer.toolCalls).toEqual([
      {
        id: 'x1',
        server: 'hr',
        tool: 'salaries',
        status: 'refused',
        durationMs: 0,
        error: 'not allowed for role Sales',
      },
    ]);
    expect(t.messages.byId.get(answer.id)!.toolCalls[0]!.status).toBe('refused');
    expect(byType(t.sink.events, 'tool.started')).toEqual([]);
    expect(byType(t.sink.events, 'tool.finished')[0]!.call.status).toBe('refused');
    const fedBack = t.llm.requests[1]!.messages.at(-1)!;
    expect(fedBack.role === 'tool' && parseToolResult(fedBack.content)).toMatchObject({
      ok: false,
      error: 'not allowed for role Sales',
    });
    expect(telemetryCalls).toEqual(['started', 'tool:hr:refused', 'finished:complete']);
  });

  it('puts calls that never reach the hub in the audit: refused for the role, unreadable arguments', async () => {
    const unrun: UnrunCall[] = [];
    const t = await setup(
      [
        [
          toolCall('x1', 'hr__salaries', { band: 'B' }),
          { type: 'tool_call', call: { id: 'x2', name: 'crm__pipeline_summary', arguments: '{' } },
          finish('tool_calls'),
        ],
        [text('Done.'), finish()],
      ],
      { audit: { recordUnrun: async (call) => void unrun.push(call) } },
    );
    await t.run('Sales');
    expect(t.hub.calls).toEqual([]);
    expect(
      unrun.map((c) => [c.server, c.tool, c.outcome, c.arguments, c.context.conversation]),
    ).toEqual([
      ['hr', 'salaries', 'refused', { band: 'B' }, { kind: 'chat', id: 's1' }],
      ['crm', 'pipeline_summary', 'failed', { unparsed: '{' }, { kind: 'chat', id: 's1' }],
    ]);
  });

  it('offers the model only the role’s tools', async () => {
    const t = await setup([[text('hi'), finish()]]);
    await t.run('HR');
    expect(t.llm.requests[0]!.tools?.map((d) => d.name)).toEqual(['hr__salaries']);
  });

  it('fails a call with invalid JSON arguments without calling the hub', async () => {
    const t = await setup([
      [toolCall('c1', 'crm__pipeline_summary', '{"quarter": '), finish('tool_calls')],
      [text('Sorry.'), finish()],
    ]);
    const answer = await t.run();
    expect(t.hub.calls).toEqual([]);
    expect(answer.toolCalls).toEqual([
      {
        id: 'c1',
        server: 'crm',
        tool: 'pipeline_summary',
        status: 'failed',
        durationMs: 0,
        error: 'the arguments were not a valid JSON object',
      },
    ]);
    expect(answer.status).toBe('complete');
  });

  it('stops offering tools after the last round and forces a final answer', async () => {
    const ask = (id: string): ScriptStep => [
      toolCall(id, 'crm__pipeline_summary', {}),
      finish('tool_calls'),
    ];
    const t = await setup(
      [
        ask('a'),
        ask('b'),
        [toolCall('c', 'crm__pipeline_summary', {}), text('Final answer.'), finish()],
      ],
      {
        limits: { ...limits, maxToolRounds: 2 },
      },
    );
    const answer = await t.run();

    expect(t.llm.requests).toHaveLength(3);
    expect(t.llm.requests.map((r) => r.tools?.length ?? 0)).toEqual([2, 2, 0]);
    expect(t.llm.requests[2]!.messages.at(-1)).toMatchObject({ role: 'system' });
    expect(t.hub.calls).toHaveLength(2);
    expect(answer.toolCalls.map((c) => c.id)).toEqual(['a', 'b']);
    expect(answer.content).toBe('Final answer.');
    expect(answer.status).toBe('complete');
  });
});

describe('coach engine limits', () => {
  it('runs at most ten calls of one round and answers the rest as not run', async () => {
    const calls = Array.from({ length: 12 }, (_, i) =>
      toolCall(`c${i}`, 'crm__search_accounts', { query: `a${i}` }),
    );
    const t = await setup([
      [...calls, finish('tool_calls')],
      [text('Done.'), finish()],
    ]);
    const answer = await t.run();
    expect(t.hub.calls).toHaveLength(10);
    expect(answer.toolCalls).toHaveLength(10);
    const toolMessages = t.llm.requests[1]!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(12);
    const last = toolMessages.at(-1)!;
    expect(last.role === 'tool' && parseToolResult(last.content)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not run'),
    });
  });
});
