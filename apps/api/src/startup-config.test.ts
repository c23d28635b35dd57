import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Bad configuration stops start-up with one message naming every problem (the real entry point). */
describe('API start-up with bad configuration', () => {
  it('exits 1 and lists every problem', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { STORE: 'cosmos', PORT: 'abc', BUS: 'redis' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration (3 problems)');
    expect(run.stderr).toContain('PORT: expected a port number (got "abc")');
    expect(run.stderr).toContain('COSMOS_ENDPOINT: required when STORE=cosmos');
    expect(run.stderr).toContain('REDIS_URL: required when BUS=redis');
    expect(run.stdout).toBe('');
  });
});
