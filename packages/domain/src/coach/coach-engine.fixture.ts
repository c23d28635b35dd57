// The coach engine's test setup: one user, two MCP servers (crm for Sales and Manager, hr for
// HR), a scripted model and a recording hub, and a question waiting to be answered.
import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import type { ConversationEvent } from '../model/events.js';
import type { ConversationRef } from '../model/message.js';
import type { Telemetry } from '../ports/telemetry.port.js';
import { createCoachEngine, type CoachEngineLimits } from './coach-engine.js';
import {
  alex,
  eventSink,
  memoryMessages,
  recordingHub,
  scriptedLlm,
  userMessage,
  type FakeServer,
  type ScriptStep,
} from './testing/engine-fakes.js';

export const ref: ConversationRef = { kind: 'session', userId: alex.id, sessionId: 's1' };
export const TEMPLATE =
  'Coach for {{USER_NAME}} ({{USER_ROLE}}) on {{TODAY_DATE}}.\nServers:\n{{MCP_SERVERS}}';
export const limits: CoachEngineLimits = {
  maxToolRounds: 3,
  toolResultMaxChars: 4_000,
  historyTokenBudget: 2_000,
};

export const pipelineRows = {
  rows: [
    { stage: 'Qualification', count: 5, amount: 250_000 },
    { stage: 'Proposal', count: 3, amount: 420_000 },
  ],
};
export const servers: FakeServer[] = [
  {
    name: 'crm',
    description: 'Sales CRM: accounts, opportunities, pipeline',
    roles: ['Sales', 'Manager'],
    tools: [
      {
        tool: 'pipeline_summary',
        description: 'Pipeline by stage',
        result: () => ({ structuredContent: pipelineRows, text: 'ok' }),
      },
      {
        tool: 'search_accounts',
        description: 'Find accounts',
        result: () => ({ structuredContent: { accounts: [] }, text: 'none' }),
      },
    ],
  },
  {
    name: 'hr',
    description: 'People records',
    roles: ['HR'],
    tools: [{ tool: 'salaries', description: 'Salary bands', result: () => ({ text: 'secret' }) }],
  },
];

export async function setup(
  steps: readonly ScriptStep[],
  options: {
    limits?: CoachEngineLimits;
    telemetry?: Telemetry;
    history?: string[];
    audit?: ToolCallAudit;
  } = {},
) {
  const messages = memoryMessages();
  for (const [i, content] of (options.history ?? []).entries()) {
    const { seq: _seq, ...m } = userMessage(ref, i + 1, content);
    await messages.append(
      ref,
      i % 2 === 1 ? { ...m, author: { kind: 'assistant', name: 'Coach' } } : m,
    );
  }
  const { seq: _seq, ...q } = userMessage(ref, 99, 'How is my pipeline this quarter?');
  const { message: question } = await messages.append(ref, { ...q, id: 'question' });
  const llm = scriptedLlm(steps);
  const hub = recordingHub(servers);
  const engine = createCoachEngine({
    messages,
    llm,
    tools: hub,
    prompt: { load: async () => TEMPLATE },
    clock: { now: () => new Date('2025-08-14T10:00:00Z') },
    limits: options.limits ?? limits,
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
  });
  const sink = eventSink();
  const controller = new AbortController();
  const run = (role = 'Sales') =>
    engine.answer({
      ref,
      user: alex,
      role,
      token: 'tok',
      question,
      signal: controller.signal,
      emit: sink.emit,
    });
  return { messages, llm, hub, sink, controller, run, question };
}

export const byType = <T extends ConversationEvent['type']>(events: ConversationEvent[], type: T) =>
  events.filter((e): e is Extract<ConversationEvent, { type: T }> => e.type === type);
