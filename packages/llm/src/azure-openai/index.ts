export {
  createAzureOpenAiClient,
  createAzureOpenAiEmbedder,
  AZURE_COGNITIVE_SERVICES_SCOPE,
  type AzureOpenAiClientOptions,
} from './create-azure-openai-client.js';
export type { LlmUsage, UsageListener } from '../chat-completions/chat-completions-client.js';
