export {
  ElicitationBroker,
  ELICITATION_CONTROL_STREAM,
  type ElicitationBrokerDeps,
  type ElicitationResponse,
  type ElicitorInput,
} from './elicitation-broker.js';
export {
  checkElicitationContent,
  parseElicitationSchema,
  ELICITATION_TEXT_MAX,
} from './elicitation-schema.js';
export type { ElicitationView } from './elicitation-view.js';
