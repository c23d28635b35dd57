import { ConfigError, loadSettingsFromProcess } from './settings.js';

/**
 * `node --import tsx packages/config/src/check-cli.ts`: validates the environment before
 * `pnpm start` launches anything. Prints the ports to use as JSON, or every problem at once.
 */
try {
  const settings = loadSettingsFromProcess();
  process.stdout.write(
    `${JSON.stringify({ PORT: settings.PORT, CRM_MCP_PORT: settings.CRM_MCP_PORT })}\n`,
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee .env.example and docs/configuration.md.\n`);
  process.exitCode = 1;
}
