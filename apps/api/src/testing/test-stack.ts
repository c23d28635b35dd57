import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadSettings, type Settings } from '@salescoach/config';
import { createSalesCoachClient, type SalesCoachClient } from '@salescoach/client';
import { startCrmServer } from '@salescoach/mcp-crm';
import { startServer, type RunningServer } from '../server.js';
import { trustApiIssuer } from './api-issuer-trust.js';
import { waitFor } from './event-collector.js';

const repoRoot = join(import.meta.dirname, '../../../..');

export interface TestStack {
  readonly server: RunningServer;
  readonly settings: Settings;
  readonly dataDir: string;
  /** Every log line the API wrote (JSON text). */
  readonly logLines: string[];
  readonly crmUrl: string | undefined;
  /** A typed client signed in as a dev user (closed with the stack). */
  client(devUser: string): SalesCoachClient;
  /** A token for a dev user, for raw HTTP/WebSocket tests. */
  token(devUser: string): Promise<string>;
  /** Resolves once an MCP server is connected with its tools (the hub connects in the background). */
  toolsReady(): Promise<void>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Start the real CRM MCP server and wire it (default true). */
  readonly crm?: boolean;
  readonly env?: Record<string, string>;
  /** An OpenAI-compatible server (e.g. the scripted one) to answer with instead of the offline model. */
  readonly openAiBaseUrl?: string;
  /** Reuse a data dir (to test restarts); it is not removed on close. */
  readonly dataDir?: string;
  /** More entries for the MCP servers file (e.g. a test MCP server with write tools). */
  readonly extraServers?: readonly Record<string, unknown>[];
}

/** The real API on 127.0.0.1:0 with embedded defaults, the real CRM MCP server, captured logs. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'salescoach-api-')));
  await mkdir(dataDir, { recursive: true });
  const issuerTrust = trustApiIssuer();
  const crm =
    options.crm === false
      ? undefined
      : await startCrmServer({
          port: 0,
          host: '127.0.0.1',
          auth: issuerTrust.auth,
          aggregateReaders: ['salescoach-api'],
        });
  const serversFile = join(dataDir, 'mcpservers.json');
  await writeFile(
    serversFile,
    JSON.stringify({
      servers: [
        ...(options.extraServers ?? []),
        ...(crm
          ? [
              {
                name: 'crm',
                description: 'Sales CRM: accounts, opportunities, pipeline, forecast',
                transport: 'streamable-http',
                url: crm.url,
                roles: ['Sales', 'Manager'],
                auth: 'obo',
                timeoutMs: 10_000,
              },
            ]
          : []),
      ],
    }),
  );
  const settings = loadSettings({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    MCP_SERVERS_FILE: serversFile,
    TEAMS_FILE: join(repoRoot, 'teams.json'),
    PROMPT_TEMPLATE_FILE: join(repoRoot, 'prompts/coach.md'),
    PRACTICE_SCENARIOS_DIR: join(repoRoot, 'practice/scenarios'),
    PRACTICE_METHODOLOGY_DIR: join(repoRoot, 'practice/methodology'),
    LOG_LEVEL: 'debug',
    DELTA_COALESCE_MS: '5',
    ...(options.openAiBaseUrl
      ? {
          LLM_PROVIDER: 'openai',
          OPENAI_API_KEY: 'test-key',
          OPENAI_BASE_URL: options.openAiBaseUrl,
        }
      : {}),
    ...options.env,
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const server = await startServer(settings, { logDestination: destination });
  issuerTrust.trust(server.url);
  const clients: SalesCoachClient[] = [];
  const tokens = new Map<string, string>();

  return {
    server,
    settings,
    dataDir,
    logLines,
    crmUrl: crm?.url,
    client(devUser) {
      const client = createSalesCoachClient({ url: server.wsUrl, devUser });
      clients.push(client);
      return client;
    },
    async token(devUser) {
      const cached = tokens.get(devUser);
      if (cached) return cached;
      const auth = server.composition.services.auth;
      if (!auth.devLogin) throw new Error('dev sign-in is off');
      const { token } = await auth.devLogin(devUser);
      tokens.set(devUser, token);
      return token;
    },
    async toolsReady() {
      await waitFor(() =>
        server.composition.hub.status().some((s) => s.connected && s.toolCount > 0)
          ? true
          : undefined,
      );
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await server.close();
      await crm?.close();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
