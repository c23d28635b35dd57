export {
  startCrmServer,
  CRM_SERVER_INFO,
  type CrmServerOptions,
  type RunningCrmServer,
} from './crm-server.js';
export type { CrmAuthOptions } from './auth/crm-token-verifier.js';
export { generateDataset, DEFAULT_SEED } from './dataset.js';
export { STAGES, type CrmDataset, type Rep, type Opportunity, type Stage } from './crm-model.js';
export { inputs as crmToolInputs, outputs as crmToolOutputs } from './crm-schemas.js';
