import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * The real system for end-to-end tests: the CRM MCP server and the API as child processes,
 * nginx with the repository's nginx.conf (ports and paths substituted) serving the built
 * SPA, and Debian's Chromium driven by playwright-core.
 */

export const webRoot = join(import.meta.dirname, '..');
export const repoRoot = join(webRoot, '..', '..');
export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

interface Child {
  readonly process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a program with extra environment variables (through env(1), inheriting the rest). */
function startChild(
  name: string,
  command: string,
  args: readonly string[],
  vars: Record<string, string>,
  cwd: string,
): Child {
  const assignments = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  const child = spawn('/usr/bin/env', [...assignments, command, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    process: child,
    output: () => `[${name}] ${output}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHttp(
  url: string,
  child: Child,
  accept: (status: number) => boolean = (s) => s < 500,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.process.exitCode !== null)
      throw new Error(`exited early (${child.process.exitCode}): ${child.output()}`);
    try {
      const response = await fetch(url);
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up: ${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Builds the SPA into apps/web/dist so the test serves the current code. */
export async function buildWeb(): Promise<void> {
  const viteBin = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  // A production build even though the test runner sets NODE_ENV=test.
  await promisify(execFile)(
    '/usr/bin/env',
    ['NODE_ENV=production', process.execPath, viteBin, 'build', '--logLevel', 'warn'],
    { cwd: webRoot },
  );
}

export interface Stack {
  /** The nginx origin the browser uses, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** Stops the API process and starts it again on the same port and data directory. */
  restartApi(options?: { downMs?: number }): Promise<void>;
  /** Stops the API process (nginx answers 502 until `startApi`). */
  stopApi(): Promise<void>;
  /** Starts the stopped API again on the same port and data directory. */
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** An OpenAI-compatible base URL; without it the API runs the offline model. */
  readonly openAiBaseUrl?: string;
  /** More MCP servers for the servers file (entries as the file takes them), after the CRM. */
  readonly servers?: readonly Record<string, unknown>[];
}

/** CRM MCP server + API + nginx on free ports with a throwaway data directory. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-e2e-'));
  const [crmPort, apiPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${webPort}`;
  const children: Child[] = [];
  const notStarted = () => Promise.reject(new Error('the API has not started'));
  let restartApi: Stack['restartApi'] = notStarted;
  let stopApi: Stack['stopApi'] = notStarted;
  let startApiAgain: Stack['startApi'] = notStarted;
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const node = process.execPath;
    const crm = startChild(
      'crm',
      node,
      ['--import', 'tsx', 'apps/mcp-crm/src/main.ts'],
      {
        CRM_MCP_PORT: String(crmPort),
        // It accepts only tokens the API's dev issuer made for it (the API exchanges them).
        CRM_AUTH_JWKS_URL: `http://127.0.0.1:${apiPort}/.well-known/jwks.json`,
        CRM_AUTH_SERVER_URL: `http://127.0.0.1:${apiPort}`,
        // Its own store in this run's throwaway directory: writes never leak between runs.
        CRM_STORE_FILE: join(dir, 'crm.sqlite'),
      },
      repoRoot,
    );
    children.push(crm);
    await waitForHttp(`http://127.0.0.1:${crmPort}/mcp`, crm, () => true);

    const serversFile = join(dir, 'mcpservers.json');
    await writeFile(
      serversFile,
      JSON.stringify({
        servers: [
          {
            name: 'crm',
            description:
              'Sales CRM: accounts, opportunities, pipeline, forecast, rep scorecards and deal risks',
            transport: 'streamable-http',
            url: `http://127.0.0.1:${crmPort}/mcp`,
            roles: ['Sales', 'Manager'],
            auth: 'obo',
            timeoutMs: 15_000,
            // The bundled policy: activities and dates by the asker, commitments by a Manager.
            tools: {
              log_activity: { approval: 'self' },
              update_next_step: { approval: 'self' },
              update_close_date: { approval: 'self' },
              update_stage: { approval: { role: 'Manager' } },
              update_amount: { approval: { role: 'Manager' } },
              request_discount: { approval: { role: 'Manager' } },
            },
          },
          ...(options.servers ?? []),
        ],
      }),
    );
    const llm: Record<string, string> = options.openAiBaseUrl
      ? {
          LLM_PROVIDER: 'openai',
          OPENAI_BASE_URL: options.openAiBaseUrl,
          OPENAI_API_KEY: 'e2e',
          OPENAI_CHAT_MODEL: 'scripted',
          OPENAI_UTILITY_MODEL: 'scripted',
        }
      : { LLM_PROVIDER: 'offline' };
    const apiVars = {
      PORT: String(apiPort),
      DATA_DIR: join(dir, 'data'),
      ALLOWED_ORIGINS: `${origin},http://localhost:${webPort}`,
      MCP_SERVERS_FILE: serversFile,
      // OAuth: the callback comes back through nginx (nginx.conf forwards /oauth/callback to
      // the API), as in production; the API then sends the browser on to the SPA.
      PUBLIC_API_URL: origin,
      WEB_APP_URL: origin,
      LOG_LEVEL: 'warn',
      ...llm,
    };
    const startApi = async (): Promise<Child> => {
      const api = startChild(
        'api',
        node,
        ['--import', 'tsx', 'apps/api/src/main.ts'],
        apiVars,
        repoRoot,
      );
      children.push(api);
      await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, api, (s) => s === 200);
      return api;
    };
    let api: Child | null = await startApi();
    stopApi = async () => {
      if (!api) return;
      await api.stop();
      children.splice(children.indexOf(api), 1);
      api = null;
    };
    startApiAgain = async () => {
      if (!api) api = await startApi();
    };
    restartApi = async ({ downMs = 0 } = {}) => {
      await stopApi();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await startApiAgain();
    };

    // The repository's nginx.conf, with this test's ports, the dist path and a private temp dir.
    const prefix = join(dir, 'nginx');
    await mkdir(prefix, { recursive: true });
    const conf = (await readFile(join(repoRoot, 'nginx.conf'), 'utf8'))
      .replace('listen 8080;', `listen 127.0.0.1:${webPort};`)
      .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${apiPort};`)
      .replace('root apps/web/dist;', `root ${join(webRoot, 'dist')};`)
      .replaceAll('/tmp/salescoach-nginx', join(prefix, 'nginx'));
    // As root (CI), nginx's workers would drop to `nobody` and could not read a checkout other
    // users cannot read: they run as the current user instead.
    const asUser = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
    await writeFile(join(prefix, 'nginx.conf'), asUser + conf);
    const nginx = startChild(
      'nginx',
      '/usr/sbin/nginx',
      ['-p', prefix, '-c', 'nginx.conf', '-e', join(prefix, 'error.log')],
      {},
      prefix,
    );
    children.push(nginx);
    await waitForHttp(`${origin}/`, nginx, (s) => s === 200);
    return {
      origin,
      restartApi: (options) => restartApi(options),
      stopApi: () => stopApi(),
      startApi: () => startApiAgain(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
