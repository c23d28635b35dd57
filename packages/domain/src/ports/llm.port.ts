/** The model port: stream a completion for messages and tools. Adapters throw DomainError. */
export interface LlmToolCall {
  readonly id: string;
  /** The exposed tool name, `server__tool`. */
  readonly name: string;
  /** JSON text, as the model wrote it (may be invalid JSON). */
  readonly arguments: string;
}

export type LlmMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string; readonly name?: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly LlmToolCall[];
    }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

export interface LlmToolDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments. */
  readonly parameters: Record<string, unknown>;
}

export type LlmFinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';

export type LlmChunk =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call'; readonly call: LlmToolCall }
  | { readonly type: 'usage'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'finish'; readonly reason: LlmFinishReason };

export type LlmPurpose = 'chat' | 'utility';

/** Asks for JSON that matches a schema (the API's structured output, `strict`). */
export interface LlmResponseFormat {
  readonly name: string;
  /** JSON Schema: every property required, `additionalProperties: false`. */
  readonly schema: Record<string, unknown>;
}

export interface LlmRequest {
  readonly purpose: LlmPurpose;
  readonly messages: readonly LlmMessage[];
  readonly tools?: readonly LlmToolDefinition[];
  /** Structured output: the text of the answer is JSON matching this schema. */
  readonly responseFormat?: LlmResponseFormat;
  readonly signal?: AbortSignal;
  /** Who is asking; the offline model uses it for "my …" questions. Never sent to a remote model. */
  readonly user?: { readonly id: string; readonly name: string; readonly email: string };
}

export interface LlmClient {
  /** `offline`, `openai` or `azure-openai`. */
  readonly provider: string;
  /** The model (or deployment) used for a purpose, from the registry. */
  modelFor(purpose: LlmPurpose): string;
  /**
   * Complete tool calls are yielded once all their fragments arrived. Throws DomainError
   * (RATE_LIMITED, UNAVAILABLE, CONTENT_FILTERED, INVALID, TIMEOUT) with a message safe to
   * show; an abort through `signal` ends the iteration with an AbortError.
   */
  stream(request: LlmRequest): AsyncIterable<LlmChunk>;
}
