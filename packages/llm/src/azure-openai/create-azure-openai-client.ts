import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';
import type { LlmClient, Logger, TextEmbedder } from '@salescoach/domain';
import { AzureOpenAI } from 'openai';
import {
  createChatCompletionsClient,
  type UsageListener,
} from '../chat-completions/chat-completions-client.js';
import { createSdkEmbedder } from '../embeddings/sdk-embedder.js';

/** The Entra scope of Azure OpenAI / Azure AI Foundry. */
export const AZURE_COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export interface AzureOpenAiClientOptions {
  /** `https://<resource>.openai.azure.com` (the SDK appends `/openai`). */
  readonly endpoint: string;
  /** When absent, Microsoft Entra ID through DefaultAzureCredential (managed identity, az login, …). */
  readonly apiKey?: string | undefined;
  readonly apiVersion: string;
  /** Deployment names from the registry. */
  readonly deployments: { readonly chat: string; readonly utility: string };
  /** Time allowed for the response to start (per attempt) and between two chunks of a stream. */
  readonly timeoutMs: number;
  /** Retries done by the SDK (connection errors, 408, 409, 429, 5xx), with its backoff and `retry-after`. */
  readonly maxRetries: number;
  readonly onUsage?: UsageListener | undefined;
  readonly logger?: Logger | undefined;
  /** Overrides the Entra token source (tests, or a credential the host already built). */
  readonly tokenProvider?: (() => Promise<string>) | undefined;
}

/**
 * `LLM_PROVIDER=azure-openai`: requests go to `/openai/deployments/{deployment}/chat/completions`
 * with `api-version`, authenticated by the `api-key` header or an Entra bearer token.
 */
type AzureSdkOptions = Pick<
  AzureOpenAiClientOptions,
  'endpoint' | 'apiKey' | 'apiVersion' | 'timeoutMs' | 'maxRetries' | 'tokenProvider'
>;

/** The SDK's Azure client, configured from our settings only. */
function azureOpenAiSdk(options: AzureSdkOptions): AzureOpenAI {
  const credentials = options.apiKey
    ? { apiKey: options.apiKey }
    : {
        azureADTokenProvider:
          options.tokenProvider ??
          getBearerTokenProvider(new DefaultAzureCredential(), AZURE_COGNITIVE_SERVICES_SCOPE),
      };
  return new AzureOpenAI({
    ...credentials,
    // The base URL the SDK would derive from `endpoint`, given explicitly so it never falls
    // back to its own environment variables.
    baseURL: `${options.endpoint.replace(/\/+$/, '')}/openai`,
    apiVersion: options.apiVersion,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
  });
}

export function createAzureOpenAiClient(options: AzureOpenAiClientOptions): LlmClient {
  const sdk = azureOpenAiSdk(options);
  return createChatCompletionsClient({
    provider: 'azure-openai',
    sdk,
    // The SDK puts the body's `model` into the path as the deployment.
    models: options.deployments,
    timeoutMs: options.timeoutMs,
    onUsage: options.onUsage,
    logger: options.logger,
  });
}

/** The embedding deployment (AZURE_OPENAI_EMBEDDING_MODEL) for insights' question similarity. */
export function createAzureOpenAiEmbedder(
  options: AzureSdkOptions & { readonly deployment: string },
): TextEmbedder {
  return createSdkEmbedder(azureOpenAiSdk(options), options.deployment);
}
