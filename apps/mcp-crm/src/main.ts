import { loadSettingsFromProcess } from '@salescoach/config';
import { createRemoteJWKSet } from 'jose';
import { startCrmServer } from './crm-server.js';
import { crmStoreFile } from './store/crm-store-file.js';

// The CRM MCP server on CRM_MCP_HOST:CRM_MCP_PORT (default 127.0.0.1:3101), path /mcp: an OAuth
// protected resource that accepts only tokens issued for it by CRM_AUTH_ISSUER.
const settings = loadSettingsFromProcess();
try {
  const crm = await startCrmServer({
    port: settings.CRM_MCP_PORT,
    host: settings.CRM_MCP_HOST,
    storeFile: crmStoreFile(settings),
    aggregateReaders: settings.CRM_AGGREGATE_READERS,
    auth: {
      issuer: settings.CRM_AUTH_ISSUER,
      keys: createRemoteJWKSet(new URL(settings.CRM_AUTH_JWKS_URL)),
      algorithm: settings.CRM_AUTH_ALGORITHM,
      authorizationServer: settings.CRM_AUTH_SERVER_URL,
      ...(settings.CRM_RESOURCE_URL ? { resource: settings.CRM_RESOURCE_URL } : {}),
      ...(settings.CRM_AUTH_AUDIENCE ? { audience: settings.CRM_AUTH_AUDIENCE } : {}),
    },
  });
  console.log(`CRM MCP server listening on ${crm.url}`);
  const stop = (signal: string): void => {
    console.log(`CRM MCP server stopping (${signal})`);
    crm.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(
      `CRM MCP server: port ${settings.CRM_MCP_PORT} on ${settings.CRM_MCP_HOST} is already in use. ` +
        'Stop the other process or set CRM_MCP_PORT to a free port (and update mcpservers.json).',
    );
  } else {
    console.error(`CRM MCP server failed to start: ${(error as Error).message}`);
  }
  process.exit(1);
}
