import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

export interface ApiDataDir {
  readonly dir: string;
  /** The API's environment: port 0 on loopback, silent logs, no MCP servers, plus `overrides`. */
  env(overrides?: Record<string, string>): Record<string, string>;
  remove(): Promise<void>;
}

/** A temporary DATA_DIR with a servers file that lists no servers (no tools). */
export async function createApiDataDir(): Promise<ApiDataDir> {
  const dir = await mkdtemp(join(tmpdir(), 'salescoach-bench-'));
  const serversFile = join(dir, 'mcpservers.json');
  await writeFile(serversFile, JSON.stringify({ servers: [] }));
  return {
    dir,
    env: (overrides = {}) => ({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      MCP_SERVERS_FILE: serversFile,
      PROMPT_TEMPLATE_FILE: join(repoRoot, 'prompts/coach.md'),
      // Benchmarks measure throughput with many users, sockets and rooms, not the caps.
      MAX_SOCKETS_PER_USER: '100000',
      SESSIONS_CREATED_PER_MINUTE: '1000000',
      ROOMS_CREATED_PER_MINUTE: '1000000',
      MEMBERS_ADDED_PER_MINUTE: '1000000',
      PRACTICE_SCENARIOS_DIR: join(repoRoot, 'practice/scenarios'),
      PRACTICE_METHODOLOGY_DIR: join(repoRoot, 'practice/methodology'),
      ...overrides,
    }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
