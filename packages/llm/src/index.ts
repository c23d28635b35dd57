// The root entry loads no SDK: adapters sit behind `/openai`, `/azure-openai`, `/offline`, `/testing`.
export type { LlmUsage, UsageListener } from './chat-completions/chat-completions-client.js';
export {
  createPromptTemplateSource,
  type PromptTemplateSourceOptions,
} from './prompt/prompt-template-source.js';
