export {
  createOfflineModel,
  OFFLINE_MODEL_NAME,
  NO_TOOL_LABEL,
  type OfflineModelOptions,
} from './offline-model.js';
export { ANSWER_LABEL } from './answer-writer.js';
