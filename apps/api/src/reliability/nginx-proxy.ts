import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './api-process.js';

const repoRoot = join(import.meta.dirname, '../../../..');

export interface NginxProxy {
  /** http://127.0.0.1:<port>, the origin clients use. */
  readonly origin: string;
  /** ws://127.0.0.1:<port>/trpc */
  readonly wsUrl: string;
  stop(): Promise<void>;
}

/**
 * The repository's nginx.conf with its one upstream `server` line replaced by one line per
 * API port, its listen port and temp paths moved into `dir`. When the tests run as root,
 * nginx's workers would drop to `nobody` and could not read a checkout other users cannot
 * read, so the workers run as the current user.
 */
export async function renderNginxConf(options: {
  readonly listenPort: number;
  readonly apiPorts: readonly number[];
  readonly dir: string;
  readonly root?: string;
}): Promise<string> {
  const source = await readFile(join(repoRoot, 'nginx.conf'), 'utf8');
  const upstream = options.apiPorts
    .map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=30s;`)
    .join('\n    ');
  const conf = source
    .replace('listen 8080;', `listen 127.0.0.1:${options.listenPort};`)
    .replace('server 127.0.0.1:3000;', upstream)
    .replace('root apps/web/dist;', `root ${options.root ?? join(repoRoot, 'apps/web/dist')};`)
    .replaceAll('/tmp/salescoach-nginx', join(options.dir, 'nginx'));
  const asUser = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return asUser + conf;
}

/** nginx (/usr/sbin/nginx) in front of the given API ports; resolves once it answers. */
export async function startNginxProxy(
  apiPorts: readonly number[],
  dir: string,
): Promise<NginxProxy> {
  await mkdir(dir, { recursive: true });
  const listenPort = await freePort();
  await writeFile(join(dir, 'nginx.conf'), await renderNginxConf({ listenPort, apiPorts, dir }));
  const child = spawn(
    '/usr/sbin/nginx',
    ['-p', dir, '-c', 'nginx.conf', '-e', join(dir, 'error.log')],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-10_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    const up = await fetch(`${origin}/trpc/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    wsUrl: `ws://127.0.0.1:${listenPort}/trpc`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
