import { ConfigError, loadSettingsFromProcess } from '@salescoach/config';
import { startServer } from './server.js';

/** The API process: settings from the environment, adapters composed, graceful stop on signals. */
async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettingsFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example and docs/configuration.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(settings);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: (error as Error).message }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`salescoach-api failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
