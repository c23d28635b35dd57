import { loadSettingsFromProcess } from '@salescoach/config';
import { runDigestCli } from './cli.js';

const controller = new AbortController();
for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => controller.abort());
process.exitCode = await runDigestCli(
  process.argv.slice(2),
  loadSettingsFromProcess(),
  process.stdout,
  process.stderr,
  controller.signal,
);
