import {
  silentLogger,
  type DomainError,
  type LlmChunk,
  type LlmClient,
  type LlmFinishReason,
  type LlmPurpose,
  type LlmRequest,
  type Logger,
} from '@salescoach/domain';
import type { OpenAI } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import {
  answerCutOff,
  contentFiltered,
  failureFacts,
  mapSdkError,
  streamTimedOut,
} from './error-mapping.js';
import { IdleWatchdog } from './idle-watchdog.js';
import { toApiMessages, toApiTools } from './request-mapping.js';
import { ToolCallAccumulator } from './tool-call-accumulator.js';

/** Token usage of one completion, reported after the stream ends. */
export interface LlmUsage {
  readonly purpose: LlmPurpose;
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type UsageListener = (usage: LlmUsage) => void;

export interface ChatCompletionsClientOptions {
  readonly provider: 'openai' | 'azure-openai';
  /** An SDK client already configured with retries and the request timeout. */
  readonly sdk: OpenAI;
  /** Model (OpenAI) or deployment (Azure) name per purpose, from the model registry. */
  readonly models: Readonly<Record<LlmPurpose, string>>;
  /** Longest wait for the next chunk once the stream has started. */
  readonly timeoutMs: number;
  readonly onUsage?: UsageListener | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * An LlmClient over the Chat Completions API with `stream: true`, shared by the OpenAI and
 * Azure OpenAI adapters. The SDK does retries and the timeout up to the response headers;
 * this adds an idle watchdog for a stream that stalls after it started.
 */
export function createChatCompletionsClient(options: ChatCompletionsClientOptions): LlmClient {
  return {
    provider: options.provider,
    modelFor: (purpose) => options.models[purpose],
    stream: (request) => streamCompletion(options, request),
  };
}

async function* streamCompletion(
  options: ChatCompletionsClientOptions,
  request: LlmRequest,
): AsyncGenerator<LlmChunk> {
  const { signal, purpose } = request;
  const model = options.models[purpose];
  const logger = (options.logger ?? silentLogger).child({
    provider: options.provider,
    purpose,
    model,
  });
  const startedAt = performance.now();
  const fail = (error: unknown): DomainError => {
    const mapped = mapSdkError(error);
    logger.warn(
      {
        ...failureFacts(error),
        code: mapped.code,
        durationMs: Math.round(performance.now() - startedAt),
      },
      'llm request failed',
    );
    return mapped;
  };
  if (signal?.aborted) throw abortError();

  const body: ChatCompletionCreateParamsStreaming = {
    model,
    messages: toApiMessages(request.messages),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.tools && request.tools.length > 0 ? { tools: toApiTools(request.tools) } : {}),
    ...(request.responseFormat
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: request.responseFormat.name,
              schema: request.responseFormat.schema,
              strict: true,
            },
          },
        }
      : {}),
  };

  let stream: AsyncIterable<ChatCompletionChunk> & { controller: AbortController };
  try {
    stream = await options.sdk.chat.completions.create(body, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw abortError();
    throw fail(error);
  }

  const iterator = stream[Symbol.asyncIterator]();
  const watchdog = new IdleWatchdog(options.timeoutMs, () => stream.controller.abort());
  const calls = new ToolCallAccumulator();
  let finish: ChatCompletionChunk.Choice['finish_reason'] = null;
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  let completed = false;
  try {
    while (true) {
      let next: IteratorResult<ChatCompletionChunk>;
      watchdog.arm();
      try {
        next = await iterator.next();
      } catch (error) {
        if (watchdog.fired) throw fail(streamTimedOut(options.timeoutMs));
        if (signal?.aborted) throw abortError();
        throw fail(error);
      } finally {
        watchdog.disarm();
      }
      if (next.done) break;
      const chunk = next.value;
      if (chunk.usage)
        usage = {
          inputTokens: chunk.usage.prompt_tokens,
          outputTokens: chunk.usage.completion_tokens,
        };
      // Azure sends content-filter results (and every server the usage) in chunks with no choices.
      for (const choice of chunk.choices ?? []) {
        if (choice.index !== 0) continue;
        const text = choice.delta?.content;
        if (text) yield { type: 'text', text };
        for (const fragment of choice.delta?.tool_calls ?? []) calls.add(fragment);
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    }
    completed = true;
  } finally {
    watchdog.disarm();
    // A consumer that stops early (break, return) ends the HTTP request too.
    if (!completed) await iterator.return?.();
  }

  // The SDK ends the iteration quietly when its request is aborted: find out why.
  if (watchdog.fired) throw fail(streamTimedOut(options.timeoutMs));
  if (signal?.aborted) throw abortError();
  if (finish === null) throw fail(answerCutOff());
  if (finish === 'content_filter') throw fail(contentFiltered());

  const toolCalls = calls.drain();
  for (const call of toolCalls) yield { type: 'tool_call', call };
  if (usage) {
    options.onUsage?.({ purpose, model, ...usage });
    yield { type: 'usage', ...usage };
  }
  logger.debug(
    { toolCalls: toolCalls.length, finish, durationMs: Math.round(performance.now() - startedAt) },
    'llm request finished',
  );
  yield { type: 'finish', reason: finishReason(finish, toolCalls.length) };
}

function finishReason(
  finish: NonNullable<ChatCompletionChunk.Choice['finish_reason']>,
  toolCalls: number,
): LlmFinishReason {
  if (toolCalls > 0) return 'tool_calls';
  switch (finish) {
    case 'stop':
    case 'length':
    case 'tool_calls':
      return finish;
    default:
      return 'other';
  }
}

/** The port's contract: an abort through the request's signal ends the iteration with an AbortError. */
function abortError(): DOMException {
  return new DOMException('The model request was aborted', 'AbortError');
}
