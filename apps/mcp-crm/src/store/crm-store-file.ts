import { join } from 'node:path';

/** The CRM's SQLite file: `CRM_STORE_FILE`, else `crm.sqlite` under `DATA_DIR`. */
export const crmStoreFile = (settings: {
  readonly CRM_STORE_FILE?: string | undefined;
  readonly DATA_DIR: string;
}): string => settings.CRM_STORE_FILE ?? join(settings.DATA_DIR, 'crm.sqlite');
