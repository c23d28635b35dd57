import { analyzeResponse, type ToolOutput } from '../analysis/analyze-response.js';
import { DomainError, DomainErrorCode, isDomainError } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import {
  conversationId,
  emptyAttachments,
  MESSAGE_CONTENT_MAX,
  type Message,
  type MessageStatus,
  type ToolCallRecord,
} from '../model/message.js';
import { systemClock } from '../ports/clock.port.js';
import type { LlmMessage, LlmToolCall, LlmToolDefinition } from '../ports/llm.port.js';
import { silentLogger } from '../ports/logger.port.js';
import { noTelemetry } from '../ports/telemetry.port.js';
import { AnswerCheckpoint } from './answer-checkpoint.js';
import type { CoachEngineDeps } from './coach-engine-deps.js';
import type { AnswerInput, CoachEngine } from '../ports/coach-engine.port.js';
import { historyWindow, questionContext } from './history-window.js';
import { groundingMessages } from './grounding.js';
import { buildSystemPrompt } from './prompt-builder.js';
import { answerToolContext } from './answer-tool-context.js';
import { runToolCalls, skippedCall } from './tool-runner.js';
import { waitingNote, type WaitingCall } from './waiting-note.js';

export type { CoachEngineDeps, CoachEngineLimits } from './coach-engine-deps.js';

export const COACH_AUTHOR_NAME = 'Coach';
/** Calls beyond this in one round are refused (the message keeps at most 50 records). */
export const MAX_TOOL_CALLS_PER_ROUND = 10;
const MAX_TOOL_RECORDS = 50;
const GENERIC_FAILURE = 'The coach could not finish this answer. Please try again.';
/** How often the text of a streaming answer is saved. */
export const CHECKPOINT_EVERY_MS = 1_500;
const FINAL_ROUND_NOTE =
  'No more tool calls are available for this answer. Answer now with the data you already have, and say plainly what is missing.';

type FinalStatus = Exclude<MessageStatus, 'streaming'>;

/** Thrown inside the loop when the caller's signal fired. */
class Interrupted extends Error {}

/** What one answer accumulates while it runs. */
interface AnswerState {
  content: string;
  readonly toolCalls: ToolCallRecord[];
  readonly toolOutputs: ToolOutput[];
  /** Calls left waiting for an approval: the answer ends by saying so. */
  readonly awaiting: WaitingCall[];
  /** The answer stopped early (too long, or the model hit its output limit). */
  cutOff: boolean;
  rounds: number;
  inputTokens: number;
  outputTokens: number;
  readonly checkpoint: AnswerCheckpoint;
}

export function createCoachEngine(deps: CoachEngineDeps): CoachEngine {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const telemetry = deps.telemetry ?? noTelemetry;
  const { limits } = deps;

  /** Streams one model call; emits text deltas; returns the text and tool calls of this round. */
  async function streamRound(
    input: AnswerInput,
    messageId: string,
    state: AnswerState,
    messages: readonly LlmMessage[],
    tools: readonly LlmToolDefinition[] | undefined,
  ): Promise<{ text: string; calls: LlmToolCall[] }> {
    let text = '';
    const calls: LlmToolCall[] = [];
    const stream = deps.llm.stream({
      purpose: 'chat',
      messages,
      ...(tools && tools.length > 0 ? { tools } : {}),
      signal: input.signal,
      user: { id: input.user.id, name: input.user.name, email: input.user.email },
    });
    for await (const chunk of stream) {
      if (input.signal.aborted) throw new Interrupted();
      if (chunk.type === 'text' && chunk.text.length > 0) {
        // Text of a later round starts a new paragraph after what the user already saw.
        const delta =
          text === '' && state.content !== '' && !state.content.endsWith('\n')
            ? `\n\n${chunk.text}`
            : chunk.text;
        text += chunk.text;
        state.content += delta;
        input.emit({ type: 'answer.delta', messageId, text: delta });
        state.checkpoint.note(state.content);
        if (state.content.length > MESSAGE_CONTENT_MAX) {
          state.content = state.content.slice(0, MESSAGE_CONTENT_MAX);
          state.cutOff = true;
          break;
        }
      } else if (chunk.type === 'tool_call') {
        calls.push(chunk.call);
      } else if (chunk.type === 'usage') {
        state.inputTokens += chunk.inputTokens;
        state.outputTokens += chunk.outputTokens;
      } else if (chunk.type === 'finish') {
        if (chunk.reason === 'length') state.cutOff = true;
        if (chunk.reason === 'content_filter') {
          throw new DomainError(
            DomainErrorCode.ContentFiltered,
            'The answer was stopped by the content filter.',
          );
        }
      }
    }
    if (input.signal.aborted) throw new Interrupted();
    return { text, calls };
  }

  /**
   * History up to and including the question: a queued question in a room is answered as it
   * was asked, not with what people wrote while it waited. The latest window (cached) serves
   * the usual case, where the question is the newest message before this answer.
   */
  async function historyUpTo(input: AnswerInput): Promise<Message[]> {
    const limit = limits.historyMessages ?? 40;
    const latest = await deps.messages.list(input.ref, { limit: limit + 1 });
    const upTo = latest.filter((m) => m.seq <= input.question.seq);
    // The window holds every message up to the question when it reaches back `limit` of them,
    // or to the start of the conversation.
    const complete = upTo.length >= limit || latest[0]?.seq === 1;
    if (complete && upTo.some((m) => m.id === input.question.id)) return upTo.slice(-limit);
    return deps.messages.list(input.ref, { beforeSeq: input.question.seq + 1, limit });
  }

  /** Whatever the model wrote, an answer that left calls waiting ends by saying what waits, for whom. */
  function endWithWaiting(input: AnswerInput, messageId: string, state: AnswerState): void {
    if (state.awaiting.length === 0 || state.cutOff) return;
    const note = waitingNote(state.content, state.awaiting);
    if (state.content.length + note.length > MESSAGE_CONTENT_MAX) return;
    state.content += note;
    input.emit({ type: 'answer.delta', messageId, text: note });
  }

  async function runLoop(
    input: AnswerInput,
    assistant: Message,
    state: AnswerState,
  ): Promise<void> {
    const [template, recent, offer] = await Promise.all([
      deps.prompt.load(),
      historyUpTo(input),
      deps.tools.offerFor(input.role, input.user.id),
    ]);
    const earlier = recent.filter((m) => m.id !== assistant.id && m.seq <= input.question.seq);
    if (!earlier.some((m) => m.id === input.question.id)) earlier.push(input.question);
    const context = questionContext(earlier, input.ref.kind, input.question.id);
    const system = buildSystemPrompt(template, {
      today: clock.now(),
      userName: input.user.name,
      role: input.role,
      servers: offer.servers,
      unconnected: offer.unconnected,
    });
    const conversation: LlmMessage[] = [
      { role: 'system', content: system },
      ...groundingMessages(input.grounding),
      ...historyWindow(context, { kind: input.ref.kind, tokenBudget: limits.historyTokenBudget }),
    ];

    const descriptors = offer.tools;
    const allowed = new Map(descriptors.map((d) => [d.name, d]));
    const definitions: LlmToolDefinition[] = descriptors.map((d) => ({
      name: d.name,
      description: d.description,
      parameters: d.inputSchema,
    }));
    const toolContext = answerToolContext(input, {
      hub: deps.tools,
      allowed,
      unconnected: new Set(offer.unconnected.map((s) => s.name)),
      messageId: assistant.id,
      toolResultMaxChars: limits.toolResultMaxChars,
      telemetry,
      ...(deps.audit ? { audit: deps.audit } : {}),
      ...(deps.approvals ? { approvals: deps.approvals } : {}),
      ...(deps.elicitations ? { elicitations: deps.elicitations } : {}),
    });

    for (let round = 0; ; round++) {
      const offerTools = round < limits.maxToolRounds && definitions.length > 0;
      if (!offerTools && round > 0)
        conversation.push({ role: 'system', content: FINAL_ROUND_NOTE });
      state.rounds = round + 1;
      const { text, calls } = await streamRound(
        input,
        assistant.id,
        state,
        conversation,
        offerTools ? definitions : undefined,
      );
      // Tool calls in a round that offered no tools are ignored: that round is the answer.
      if (!offerTools || calls.length === 0 || state.cutOff)
        return endWithWaiting(input, assistant.id, state);

      const runnable = calls.slice(0, MAX_TOOL_CALLS_PER_ROUND);
      const results = await runToolCalls(toolContext, runnable);
      const excess = calls
        .slice(MAX_TOOL_CALLS_PER_ROUND)
        .map((call) =>
          skippedCall(
            call,
            `not run: at most ${MAX_TOOL_CALLS_PER_ROUND} tool calls per round`,
            limits.toolResultMaxChars,
          ),
        );
      if (input.signal.aborted) throw new Interrupted();
      for (const result of results) {
        if (state.toolCalls.length < MAX_TOOL_RECORDS) state.toolCalls.push(result.record);
        if (result.awaiting) {
          state.awaiting.push({ tool: result.record.tool, decider: result.awaiting.decider });
          continue;
        }
        if (result.outcome?.structuredContent !== undefined) {
          state.toolOutputs.push({
            server: result.outcome.server,
            tool: result.outcome.tool,
            data: result.outcome.structuredContent,
          });
        }
      }
      conversation.push(
        { role: 'assistant', content: text, toolCalls: calls },
        ...results.map((r) => r.message),
        ...excess,
      );
    }
  }

  async function finish(
    input: AnswerInput,
    assistant: Message,
    state: AnswerState,
    status: FinalStatus,
    error?: string,
  ): Promise<Message> {
    const attachments =
      status === 'failed' ? emptyAttachments() : analyzeResponse(state.content, state.toolOutputs);
    const patch = {
      status,
      content: state.content,
      attachments,
      toolCalls: state.toolCalls,
      updatedAt: clock.now().toISOString(),
      ...(error ? { error } : {}),
    };
    const updated = await deps.messages.update(input.ref, assistant.id, patch);
    // Null when the conversation was deleted meanwhile: report what would have been saved.
    return updated ?? { ...assistant, ...patch };
  }

  return {
    async answer(input: AnswerInput): Promise<Message> {
      const started = performance.now();
      const now = clock.now().toISOString();
      const { message: assistant } = await deps.messages.append(input.ref, {
        id: newId(),
        conversationId: conversationId(input.ref),
        conversationKind: input.ref.kind,
        author: { kind: 'assistant', name: COACH_AUTHOR_NAME },
        content: '',
        attachments: emptyAttachments(),
        toolCalls: [],
        status: 'streaming',
        model: { provider: deps.llm.provider, name: deps.llm.modelFor('chat') },
        ...(input.parentId ? { parentId: input.parentId } : {}),
        createdAt: now,
        updatedAt: now,
      });
      const log = logger.child({
        conversationId: assistant.conversationId,
        messageId: assistant.id,
        questionId: input.question.id,
      });
      telemetry.answerStarted();
      input.emit({ type: 'answer.started', message: assistant });

      const checkpoint = new AnswerCheckpoint(
        (content) =>
          deps.messages.update(input.ref, assistant.id, {
            content,
            updatedAt: clock.now().toISOString(),
          }),
        CHECKPOINT_EVERY_MS,
        () => clock.now().getTime(),
      );
      const state: AnswerState = {
        content: '',
        toolCalls: [],
        toolOutputs: [],
        awaiting: [],
        cutOff: false,
        rounds: 0,
        inputTokens: 0,
        outputTokens: 0,
        checkpoint,
      };
      let status: FinalStatus = 'complete';
      let failure: { code: string; reason: string } | undefined;
      try {
        if (input.signal.aborted) throw new Interrupted();
        await runLoop(input, assistant, state);
        if (state.cutOff) status = 'interrupted';
      } catch (error) {
        if (error instanceof Interrupted || input.signal.aborted) {
          status = 'interrupted';
        } else if (isDomainError(error)) {
          status = 'failed';
          failure = { code: error.code, reason: error.message };
          telemetry.llmError(error.code);
          log.warn({ code: error.code, rounds: state.rounds }, 'answer failed');
        } else {
          status = 'failed';
          failure = { code: 'INTERNAL', reason: GENERIC_FAILURE };
          log.error(
            { errorName: error instanceof Error ? error.name : typeof error, rounds: state.rounds },
            'answer failed unexpectedly',
          );
        }
      }

      await checkpoint.settle();
      let final: Message;
      try {
        final = await finish(input, assistant, state, status, failure?.reason);
      } catch (error) {
        // The store failed: tell the listeners, then let the caller see the error.
        const unsaved: Message = {
          ...assistant,
          status: 'failed',
          content: state.content,
          toolCalls: state.toolCalls,
          error: GENERIC_FAILURE,
        };
        input.emit({
          type: 'answer.failed',
          message: unsaved,
          code: 'INTERNAL',
          reason: GENERIC_FAILURE,
        });
        telemetry.answerFinished('failed', performance.now() - started);
        throw error;
      }

      const durationMs = performance.now() - started;
      telemetry.answerFinished(status, durationMs);
      log.info(
        {
          status,
          rounds: state.rounds,
          toolCalls: state.toolCalls.length,
          chars: state.content.length,
          tables: final.attachments.tables.length,
          charts: final.attachments.charts.length,
          inputTokens: state.inputTokens,
          outputTokens: state.outputTokens,
          durationMs: Math.round(durationMs),
        },
        'answer finished',
      );
      if (failure)
        input.emit({
          type: 'answer.failed',
          message: final,
          code: failure.code,
          reason: failure.reason,
        });
      else input.emit({ type: 'answer.completed', message: final });
      return final;
    },
  };
}
