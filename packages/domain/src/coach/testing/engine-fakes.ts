import type { ApprovalPolicy } from '../../actions/approval.js';
/**
 * Small in-memory stand-ins for the engine's edges, used by the domain's unit tests only:
 * a scripted model, a recording tool hub and a message map.
 */
import type { ConversationEvent } from '../../model/events.js';
import type { ConversationRef, Message } from '../../model/message.js';
import { conversationId } from '../../model/message.js';
import type { User } from '../../model/user.js';
import type { LlmChunk, LlmClient, LlmRequest } from '../../ports/llm.port.js';
import type {
  AppendResult,
  MessagePatch,
  MessageRepository,
  NewMessage,
} from '../../ports/message-repository.port.js';
import type {
  ToolCallContext,
  ToolCallOutcome,
  ToolDescriptor,
  ToolHub,
  ServerDescriptor,
} from '../../ports/tool-hub.port.js';

/** One model call: the chunks it yields, or a function of the request (to fail, wait or inspect). */
export type ScriptStep = readonly LlmChunk[] | ((request: LlmRequest) => AsyncIterable<LlmChunk>);

export interface ScriptedLlm extends LlmClient {
  readonly requests: LlmRequest[];
}

export function scriptedLlm(steps: readonly ScriptStep[]): ScriptedLlm {
  const requests: LlmRequest[] = [];
  return {
    provider: 'scripted',
    requests,
    modelFor: (purpose) => `scripted-${purpose}`,
    stream(request) {
      const step = steps[requests.length];
      requests.push(request);
      if (!step) throw new Error(`no scripted step for call ${requests.length}`);
      if (typeof step === 'function') return step(request);
      return (async function* () {
        for (const chunk of step) yield chunk;
      })();
    },
  };
}

export const text = (t: string): LlmChunk => ({ type: 'text', text: t });
export const toolCall = (id: string, name: string, args: unknown): LlmChunk => ({
  type: 'tool_call',
  call: { id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
});
export const finish = (reason: 'stop' | 'tool_calls' | 'length' = 'stop'): LlmChunk => ({
  type: 'finish',
  reason,
});

export interface RecordingHub extends ToolHub {
  readonly calls: { name: string; args: unknown; context: ToolCallContext }[];
}

export interface FakeServer extends ServerDescriptor {
  readonly roles: readonly string[];
  readonly tools: readonly {
    readonly tool: string;
    readonly description: string;
    /** Default `none` (a read). */
    readonly approval?: ApprovalPolicy;
    readonly inputSchema?: Record<string, unknown>;
    readonly result: (args: unknown) => Partial<ToolCallOutcome>;
  }[];
}

/** A hub over fixed servers; each tool answers from its `result` function. */
export function recordingHub(servers: readonly FakeServer[]): RecordingHub {
  const calls: RecordingHub['calls'] = [];
  const descriptors = (role: string): ToolDescriptor[] =>
    servers
      .filter((s) => s.roles.includes(role))
      .flatMap((s) =>
        s.tools.map((t) => ({
          name: `${s.name}__${t.tool}`,
          server: s.name,
          tool: t.tool,
          description: t.description,
          inputSchema: t.inputSchema ?? { type: 'object' },
          approval: t.approval ?? 'none',
        })),
      );
  const serversFor = (role: string): ServerDescriptor[] =>
    servers
      .filter((s) => s.roles.includes(role))
      .map((s) => ({ name: s.name, description: s.description }));
  return {
    calls,
    toolsFor: descriptors,
    serversFor,
    async call(name, args, context) {
      calls.push({ name, args, context });
      const [server = '', tool = ''] = name.split('__');
      const def = servers.find((s) => s.name === server)?.tools.find((t) => t.tool === tool);
      const result = def?.result(args) ?? { ok: false, error: 'unknown tool' };
      return { ok: true, server, tool, text: '', durationMs: 5, ...result };
    },
    offerFor: async (role) => ({
      tools: descriptors(role),
      servers: serversFor(role),
      unconnected: [],
    }),
    status: () => [],
  };
}

export interface MemoryMessages extends MessageRepository {
  readonly byId: Map<string, Message>;
  all(): Message[];
}

export function memoryMessages(): MemoryMessages {
  const byId = new Map<string, Message>();
  const all = () => [...byId.values()].sort((a, b) => a.seq - b.seq);
  return {
    byId,
    all,
    async append(ref: ConversationRef, message: NewMessage): Promise<AppendResult> {
      const seq = all().filter((m) => m.conversationId === conversationId(ref)).length + 1;
      const stored: Message = { ...message, seq };
      byId.set(stored.id, stored);
      return { message: stored, created: true };
    },
    async get(_ref, id) {
      return byId.get(id) ?? null;
    },
    async findByClientId(ref, clientMessageId, authorId) {
      return (
        all().find(
          (m) =>
            m.conversationId === conversationId(ref) &&
            m.clientMessageId === clientMessageId &&
            m.author.kind === 'user' &&
            m.author.userId === authorId,
        ) ?? null
      );
    },
    async list(ref, options) {
      const mine = all().filter((m) => m.conversationId === conversationId(ref));
      const before =
        options.beforeSeq === undefined ? mine : mine.filter((m) => m.seq < options.beforeSeq!);
      return before.slice(Math.max(0, before.length - options.limit));
    },
    async update(_ref, id, patch: MessagePatch) {
      const current = byId.get(id);
      if (!current) return null;
      const next = { ...current, ...patch };
      byId.set(id, next);
      return next;
    },
    async listStreaming() {
      return [];
    },
  };
}

export const alex: User = {
  id: 'alex',
  tenantId: 'dev',
  name: 'Alex Rivera',
  email: 'alex@example.com',
  roles: ['Sales'],
};

export function userMessage(
  ref: ConversationRef,
  seq: number,
  content: string,
  author = alex,
): Message {
  const at = new Date(Date.UTC(2025, 6, 1, 9, 0, seq)).toISOString();
  return {
    id: `q${seq}`,
    conversationId: conversationId(ref),
    conversationKind: ref.kind,
    seq,
    author: { kind: 'user', userId: author.id, name: author.name },
    content,
    attachments: { tables: [], charts: [] },
    toolCalls: [],
    status: 'complete',
    createdAt: at,
    updatedAt: at,
  };
}

/** Collects emitted events. */
export function eventSink(): {
  events: ConversationEvent[];
  emit: (e: ConversationEvent) => void;
  types: () => string[];
} {
  const events: ConversationEvent[] = [];
  return { events, emit: (e) => events.push(e), types: () => events.map((e) => e.type) };
}
