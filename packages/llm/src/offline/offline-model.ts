import { setTimeout as sleep } from 'node:timers/promises';
import {
  parseToolResult,
  systemClock,
  type Clock,
  type LlmChunk,
  type LlmClient,
  type LlmMessage,
  type LlmRequest,
  type LlmToolDefinition,
  type ParsedToolResult,
  connectServerMessage,
  unconnectedServersIn,
} from '@salescoach/domain';
import { writeAnswer } from './answer-writer.js';
import { addressedQuestion, readQuestion } from './question-reading.js';
import { titleFrom } from './session-title.js';
import { humanize } from './value-formatting.js';
import { followUpDetail, withoutSupersededSearches } from './follow-up-detail.js';
import { chooseTools } from './tool-choice.js';
import { nextWriteStep } from './write-steps.js';

export const OFFLINE_MODEL_NAME = 'offline-coach';

export interface OfflineModelOptions {
  /** Pause between streamed text chunks. Default 0 (no pause). */
  readonly chunkDelayMs?: number;
  /** Characters per streamed text chunk. Default 24. */
  readonly chunkSize?: number;
  /** For "this quarter". Default: the system clock. */
  readonly clock?: Clock;
}

export const NO_TOOL_LABEL =
  '_Offline model — no AI is connected; this reply is built from fixed rules._';

/**
 * `LLM_PROVIDER=offline`: a deterministic stand-in for a model, so the product runs with no
 * keys. It picks tools by matching the question against tool names and descriptions, fills
 * their arguments from the schemas, and writes a plainly labelled answer from the results.
 */
export function createOfflineModel(options: OfflineModelOptions = {}): LlmClient {
  const chunkSize = Math.max(1, options.chunkSize ?? 24);
  const delayMs = Math.max(0, options.chunkDelayMs ?? 0);
  const clock = options.clock ?? systemClock;
  return {
    provider: 'offline',
    modelFor: () => OFFLINE_MODEL_NAME,
    stream: (request) => respond(request, { chunkSize, delayMs, clock }),
  };
}

async function* respond(
  request: LlmRequest,
  settings: { chunkSize: number; delayMs: number; clock: Clock },
): AsyncGenerator<LlmChunk> {
  const { signal } = request;
  throwIfAborted(signal);
  const lastUser = lastIndexOf(request.messages, (m) => m.role === 'user');
  const asked = lastUser >= 0 ? (request.messages[lastUser]?.content ?? '') : '';
  const question = request.purpose === 'utility' ? asked : addressedQuestion(asked);

  if (request.purpose === 'utility') {
    yield* streamText(titleFrom(question), settings, signal);
    yield* finish('stop');
    return;
  }

  const turn = request.messages.slice(lastUser + 1);
  const results = turn.flatMap((m) => (m.role === 'tool' ? [readResult(m.content)] : []));
  const round = request.messages.filter((m) => m.role === 'assistant').length + 1;
  const tools = request.tools ?? [];
  const facts = readQuestion(question, settings.clock.now());
  // A plain request to change a deal: look the deal up by name, then make the change.
  const step = nextWriteStep(tools, question, settings.clock.now(), turn, results);
  if (step?.kind === 'call') {
    yield {
      type: 'tool_call',
      call: {
        id: `offline_${round}_1`,
        name: step.chosen.tool.name,
        arguments: JSON.stringify(step.chosen.arguments.values),
      },
    };
    yield* finish('tool_calls');
    return;
  }
  if (step?.kind === 'say') {
    yield* streamText(step.text, settings, signal);
    yield* finish('stop');
    return;
  }
  if (step?.kind === 'answer') {
    yield* streamText(writeAnswer(step.results), settings, signal);
    yield* finish('stop');
    return;
  }
  // An account asked about by name was searched for: now fetch the one it names.
  const detail = results.length > 0 ? followUpDetail(tools, turn, results, facts) : undefined;
  if (detail) {
    yield {
      type: 'tool_call',
      call: {
        id: `offline_${round}_1`,
        name: detail.tool.name,
        arguments: JSON.stringify(detail.arguments),
      },
    };
    yield* finish('tool_calls');
    return;
  }
  if (results.length > 0) {
    yield* streamText(writeAnswer(withoutSupersededSearches(results)), settings, signal);
    yield* finish('stop');
    return;
  }

  const chosen = chooseTools(tools, { facts, userEmail: request.user?.email });
  if (chosen.length === 0) {
    const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
    yield* streamText(capabilities(tools, unconnectedServersIn(system)), settings, signal);
    yield* finish('stop');
    return;
  }
  for (const [index, choice] of chosen.entries()) {
    yield {
      type: 'tool_call',
      call: {
        id: `offline_${round}_${index + 1}`,
        name: choice.tool.name,
        arguments: JSON.stringify(choice.arguments.values),
      },
    };
  }
  yield* finish('tool_calls');
}

/** A tool message the engine did not write with formatToolResult is still shown, as text. */
function readResult(content: string): ParsedToolResult {
  return parseToolResult(content) ?? { server: 'tool', tool: 'result', ok: true, text: content };
}

/** `crm__rep_scorecard` → "Rep scorecard": what a person reads, not an internal id. */
function toolTitle(name: string): string {
  return humanize(name.split('__').at(-1) ?? name);
}

function capabilities(tools: readonly LlmToolDefinition[], unconnected: readonly string[]): string {
  // Sources the user can still connect (oauth servers): the exact words the SPA puts a button beside.
  const connect = unconnected.map((s) => `\n\n${connectServerMessage(s)}.`).join('');
  if (tools.length === 0) {
    return `${NO_TOOL_LABEL}\n\nNo data tools are available in this conversation, so I cannot look anything up. With an AI model configured (\`LLM_PROVIDER=openai\` or \`azure-openai\`) the coach can answer free-form questions.${connect}\n`;
  }
  const list = tools.map((t) => `- **${toolTitle(t.name)}** — ${t.description}`).join('\n');
  return `${NO_TOOL_LABEL}\n\nI did not find a tool for that question. I can look up data when a question names what it is about — for example pipeline, forecast, quota, deals at risk, accounts, opportunities or rep scorecards — and point to the sales playbook for coaching questions (objections, negotiation, discovery, MEDDICC).\n\nTry: "How is my pipeline this quarter?" or "Which of my deals are at risk?"\n\nTools available here:\n\n${list}${connect}\n`;
}

async function* streamText(
  text: string,
  settings: { chunkSize: number; delayMs: number },
  signal: AbortSignal | undefined,
): AsyncGenerator<LlmChunk> {
  for (let at = 0; at < text.length; at += settings.chunkSize) {
    if (at > 0 && settings.delayMs > 0) {
      try {
        await sleep(settings.delayMs, undefined, signal ? { signal } : {});
      } catch {
        throwIfAborted(signal);
      }
    }
    throwIfAborted(signal);
    yield { type: 'text', text: text.slice(at, at + settings.chunkSize) };
  }
}

function* finish(reason: 'stop' | 'tool_calls'): Generator<LlmChunk> {
  yield { type: 'usage', inputTokens: 0, outputTokens: 0 };
  yield { type: 'finish', reason };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The model request was aborted', 'AbortError');
}

function lastIndexOf(messages: readonly LlmMessage[], test: (m: LlmMessage) => boolean): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && test(message)) return i;
  }
  return -1;
}
