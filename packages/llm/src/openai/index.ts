export {
  createOpenAiClient,
  createOpenAiEmbedder,
  type OpenAiClientOptions,
} from './create-openai-client.js';
export type { LlmUsage, UsageListener } from '../chat-completions/chat-completions-client.js';
