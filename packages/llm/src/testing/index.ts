export { startScriptedOpenAiServer, type ScriptedOpenAiServer } from './scripted-openai-server.js';
export {
  textAnswer,
  toolCallAnswer,
  type ScriptStep,
  type ScriptEntry,
  type StreamEvent,
  type RecordedRequest,
} from './script-steps.js';
export { hashedWordsEmbedding, type EmbeddingFunction } from './scripted-embeddings.js';
