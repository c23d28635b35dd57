export {
  createSalesCoachClient,
  devTokenSource,
  httpUrlFor,
  type ClientOptions,
  type SalesCoachClient,
} from './client.js';
export { askQuestion, type AskOptions, type AskResult } from './ask.js';
export { unwrapEvent, type StreamItem, type UnwrappedEvent } from './events.js';
export {
  runPractice,
  practiceRunJson,
  type PracticeRunOptions,
  type PracticeRunResult,
} from './practice-run.js';
export {
  devServiceTokenSource,
  clientCredentialsTokenSource,
  type ClientCredentials,
} from './service-identity.js';
