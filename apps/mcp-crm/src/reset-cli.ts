import { loadSettingsFromProcess } from '@salescoach/config';
import { crmStoreFile } from './store/crm-store-file.js';
import { resetCrmStore } from './store/crm-store.js';

// `pnpm crm:reset`: puts the seeded demo dataset back into the CRM's store (every write is gone).
// A running CRM sees the reset on its next read.
const settings = loadSettingsFromProcess();
const file = crmStoreFile(settings);
try {
  resetCrmStore({ file });
  console.log(`CRM store ${file} reset to the seeded dataset.`);
} catch (error) {
  console.error(`CRM store ${file} could not be reset: ${(error as Error).message}`);
  process.exit(1);
}
