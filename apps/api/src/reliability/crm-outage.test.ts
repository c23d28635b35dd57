import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCrmServer, type RunningCrmServer } from '@salescoach/mcp-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, trustApiIssuer, waitFor, type TestStack } from '../testing/index.js';
import { askAndFollow } from './answer-probe.js';
import { watchForLeaks } from './log-leak-check.js';
import { crmServer, writeServersFile } from './mcp-servers-file.js';

/**
 * The CRM MCP server dies while a tool call is in flight, then comes back on the same port.
 * The API (offline model, so the answer text is the product's own) is never restarted.
 */
const secrets = watchForLeaks('crmoutage');
let dir: string;
let crm: RunningCrmServer | undefined;
let stack: TestStack;
const issuer = trustApiIssuer();

// One admin client for every poll (each client is a socket, and sockets per user are capped).
let admin: ReturnType<TestStack['client']> | undefined;
const crmStatus = async () =>
  (await (admin ??= stack.client('admin')).api.admin.tools.status.query()).find(
    (s) => s.name === 'crm',
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sc-crm-outage-'));
  // Every tool call takes 3 s: long enough to kill the server while one is in flight.
  crm = await startCrmServer({ port: 0, host: '127.0.0.1', delayMs: 3_000, auth: issuer.auth });
  stack = await startTestStack({
    crm: false,
    env: { MCP_SERVERS_FILE: await writeServersFile(dir, [crmServer(crm.url)]) },
  });
  issuer.trust(stack.server.url);
  await waitFor(async () => ((await crmStatus())?.connected ? true : undefined));
});
afterAll(async () => {
  await stack.close();
  await crm?.close();
  await rm(dir, { recursive: true, force: true });
  secrets.expectAbsentFrom(stack.logLines);
});

describe('CRM MCP server outage', () => {
  it(
    'fault: the CRM is killed mid tool call → the answer completes, the tool marked failed, and says so; restarted → its tools return without restarting the API',
    { timeout: 60_000 },
    async () => {
      const running = crm;
      if (!running) throw new Error('CRM not started');
      const port = running.port;
      const alex = stack.client('alex');
      secrets.track(await stack.token('alex'));

      const probe = await askAndFollow(
        alex,
        `How is my pipeline this quarter? ${secrets.canary('question')}`,
      );
      await probe.seen.until((all) =>
        all.some((e) => e.event.type === 'tool.started' && e.event.call.server === 'crm'),
      );
      await running.close();
      crm = undefined;

      const end = await probe.ended();
      expect(end.type).toBe('answer.completed');
      const answer = end.message;
      expect(answer.status).toBe('complete');
      const crmCalls = answer.toolCalls.filter((c) => c.server === 'crm');
      expect(crmCalls.length).toBeGreaterThan(0);
      expect(
        crmCalls.every(
          (c) => c.status === 'failed' && typeof c.error === 'string' && c.error.length > 0,
        ),
      ).toBe(true);
      // Said honestly in the answer itself, not only in the tool record.
      expect(answer.content).toMatch(/failed/i);
      expect(answer.attachments.tables).toEqual([]);
      const finished = probe.seen.events.flatMap((e) =>
        e.event.type === 'tool.finished' ? [e.event.call.status] : [],
      );
      expect(finished).toContain('failed');

      await waitFor(async () => ((await crmStatus())?.connected === false ? true : undefined));

      crm = await startCrmServer({ port, host: '127.0.0.1', auth: issuer.auth });
      const back = await waitFor(async () => {
        const status = await crmStatus();
        return status?.connected && status.toolCount > 0 ? status : undefined;
      }, 40_000);
      expect(back.toolCount).toBeGreaterThan(0);

      // A later question (tool arguments carry a planted name) uses the CRM again.
      const later = await askAndFollow(
        alex,
        `Search accounts named ${secrets.canary('toolargs')}`,
        probe.sessionId,
      );
      const again = await later.ended();
      expect(again.message.status).toBe('complete');
      expect(again.message.toolCalls.some((c) => c.server === 'crm' && c.status === 'ok')).toBe(
        true,
      );

      const history = await later.history();
      expect(history.map((m) => [m.seq, m.author.kind, m.status])).toEqual([
        [1, 'user', 'complete'],
        [2, 'assistant', 'complete'],
        [3, 'user', 'complete'],
        [4, 'assistant', 'complete'],
      ]);
    },
  );
});
