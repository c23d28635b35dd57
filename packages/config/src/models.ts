import type { RawEnv } from './env-schema.js';

export type LlmProviderName = 'offline' | 'openai' | 'azure-openai';
export type ModelPurpose = 'chat' | 'utility';

export interface ModelRef {
  readonly provider: LlmProviderName;
  /** Model name (OpenAI) or deployment name (Azure OpenAI). */
  readonly name: string;
}

export type ModelRegistry = Readonly<
  Record<ModelPurpose, ModelRef> & {
    /** For insights' question similarity; only when an embedding model is configured. */
    embedding?: ModelRef;
  }
>;

/**
 * The one place that names models. Everything else asks the registry for `chat` or
 * `utility`. Environment variables override the defaults.
 */
export const DEFAULT_MODELS = {
  offline: { chat: 'offline-coach', utility: 'offline-coach' },
  openai: { chat: 'gpt-4.1-mini', utility: 'gpt-4.1-nano' },
} as const;

export function buildModelRegistry(env: RawEnv): ModelRegistry {
  switch (env.LLM_PROVIDER) {
    case 'offline':
      return {
        chat: { provider: 'offline', name: DEFAULT_MODELS.offline.chat },
        utility: { provider: 'offline', name: DEFAULT_MODELS.offline.utility },
      };
    case 'openai':
      return {
        chat: { provider: 'openai', name: env.OPENAI_CHAT_MODEL ?? DEFAULT_MODELS.openai.chat },
        utility: {
          provider: 'openai',
          name: env.OPENAI_UTILITY_MODEL ?? DEFAULT_MODELS.openai.utility,
        },
        ...(env.OPENAI_EMBEDDING_MODEL
          ? { embedding: { provider: 'openai', name: env.OPENAI_EMBEDDING_MODEL } }
          : {}),
      };
    case 'azure-openai': {
      // Deployment names are required for Azure (checked by the settings rules).
      const chat = env.AZURE_OPENAI_CHAT_MODEL ?? '';
      return {
        chat: { provider: 'azure-openai', name: chat },
        utility: { provider: 'azure-openai', name: env.AZURE_OPENAI_UTILITY_MODEL ?? chat },
        ...(env.AZURE_OPENAI_EMBEDDING_MODEL
          ? { embedding: { provider: 'azure-openai', name: env.AZURE_OPENAI_EMBEDDING_MODEL } }
          : {}),
      };
    }
  }
}
