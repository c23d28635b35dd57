export {
  startCrmServer,
  CRM_SERVER_INFO,
  type CrmServerOptions,
  type RunningCrmServer,
} from './crm-server.js';
export {
  generateDataset,
  DEFAULT_SEED,
  STAGES,
  type CrmDataset,
  type Rep,
  type Opportunity,
  type Stage,
} from './dataset.js';
export { inputs as crmToolInputs, outputs as crmToolOutputs } from './crm-schemas.js';
