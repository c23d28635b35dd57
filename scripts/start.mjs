#!/usr/bin/env node
// `pnpm start` / `pnpm dev`: builds what is needed and runs the whole product on embedded
// defaults: the API (3000), the CRM MCP server (3101) and the SPA (4173, proxying /trpc).
// Each app's lines are prefixed; Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`SalesCoach needs Node.js 22 or newer (this is ${process.version}).`);
  process.exit(1);
}

const envFile = join(root, '.env');
const nodeEnvArgs = existsSync(envFile) ? [`--env-file=${envFile}`] : [];
if (existsSync(envFile)) process.loadEnvFile(envFile);

// Validate every setting first: one message naming every problem, before anything starts.
const check = spawnSync(process.execPath, ['--import', 'tsx', 'packages/config/src/check-cli.ts'], {
  cwd: root,
  env: process.env,
  encoding: 'utf8',
});
if (check.status !== 0) {
  process.stderr.write(check.stderr || 'The configuration could not be checked.\n');
  process.exit(1);
}
const { PORT: apiPort, CRM_MCP_PORT: crmPort } = JSON.parse(check.stdout);
const webPort = 4173;

function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, '127.0.0.1');
  });
}

const wanted = [
  ['API', apiPort, 'PORT'],
  ['CRM MCP server', crmPort, 'CRM_MCP_PORT'],
  ['web app', webPort, null],
];
const busy = [];
for (const [name, port, variable] of wanted) {
  if (!(await portFree(port)))
    busy.push(
      `  - port ${port} (${name}) is already in use${variable ? `; stop what runs there or set ${variable}` : '; stop what runs there'}`,
    );
}
if (busy.length > 0) {
  console.error(`Cannot start SalesCoach:\n${busy.join('\n')}`);
  process.exit(1);
}

if (!dev) {
  console.log('[start] building the web app…');
  const build = spawnSync('pnpm', ['--filter', '@salescoach/web', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('[start] the web app did not build; see the lines above.');
    process.exit(build.status ?? 1);
  }
}

const colors = { api: 36, crm: 35, web: 33 };
const children = new Map();
let stopping = false;

function prefixLines(name, stream, target) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) target.write(`\x1b[${colors[name]}m[${name}]\x1b[0m ${line}\n`);
  });
  stream.on('end', () => rest && target.write(`[${name}] ${rest}\n`));
}

function run(name, command, args, cwd = root) {
  const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] ${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`);
      stop(code || 1);
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
}

let exitCode = 0;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code);
  }, 15_000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The CRM trusts tokens from the API's dev issuer: point it at the API's port unless configured.
process.env.CRM_AUTH_JWKS_URL ||= `http://127.0.0.1:${apiPort}/.well-known/jwks.json`;
process.env.CRM_AUTH_SERVER_URL ||= `http://127.0.0.1:${apiPort}`;

const tsx = dev ? ['--import', 'tsx', '--watch'] : ['--import', 'tsx'];
run('crm', process.execPath, [...nodeEnvArgs, ...tsx, 'apps/mcp-crm/src/main.ts']);
run('api', process.execPath, [...nodeEnvArgs, ...tsx, 'apps/api/src/main.ts']);
run(
  'web',
  'pnpm',
  dev
    ? ['exec', 'vite', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1']
    : ['exec', 'vite', 'preview', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
  join(root, 'apps/web'),
);
console.log(
  `[start] SalesCoach is starting: open http://localhost:${webPort} (API on ${apiPort}, CRM MCP on ${crmPort}). Ctrl-C stops everything.`,
);
