import type { LlmClient, Logger, TextEmbedder } from '@salescoach/domain';
import { OpenAI } from 'openai';
import {
  createChatCompletionsClient,
  type UsageListener,
} from '../chat-completions/chat-completions-client.js';
import { createSdkEmbedder } from '../embeddings/sdk-embedder.js';

export interface OpenAiClientOptions {
  readonly apiKey: string;
  /** Any OpenAI-compatible server, e.g. `http://localhost:11434/v1`. Defaults to api.openai.com. */
  readonly baseURL?: string | undefined;
  /** Model names from the registry. */
  readonly models: { readonly chat: string; readonly utility: string };
  /** Time allowed for the response to start (per attempt) and between two chunks of a stream. */
  readonly timeoutMs: number;
  /** Retries done by the SDK (connection errors, 408, 409, 429, 5xx), with its backoff and `retry-after`. */
  readonly maxRetries: number;
  readonly onUsage?: UsageListener | undefined;
  readonly logger?: Logger | undefined;
}

/** The SDK client, configured from our settings only. */
function openAiSdk(
  options: Pick<OpenAiClientOptions, 'apiKey' | 'baseURL' | 'timeoutMs' | 'maxRetries'>,
): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    // Settings come from our config only; keep the SDK from reading its own environment variables.
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    // The SDK's logger can print request bodies; this service never logs message content.
    logLevel: 'off',
  });
}

/** `LLM_PROVIDER=openai`: the Chat Completions API of OpenAI or any compatible server. */
export function createOpenAiClient(options: OpenAiClientOptions): LlmClient {
  const sdk = openAiSdk(options);
  return createChatCompletionsClient({
    provider: 'openai',
    sdk,
    models: options.models,
    timeoutMs: options.timeoutMs,
    onUsage: options.onUsage,
    logger: options.logger,
  });
}

/** The embedding model (OPENAI_EMBEDDING_MODEL) for insights' question similarity. */
export function createOpenAiEmbedder(
  options: Pick<OpenAiClientOptions, 'apiKey' | 'baseURL' | 'timeoutMs' | 'maxRetries'> & {
    readonly model: string;
  },
): TextEmbedder {
  return createSdkEmbedder(openAiSdk(options), options.model);
}
