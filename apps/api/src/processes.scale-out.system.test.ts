import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSalesCoachClient, type SalesCoachClient } from '@salescoach/client';
import type { ConversationEvent, Message } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { startRedisServer, type RedisServerHandle } from '@salescoach/realtime/testing';
import {
  startCosmosTestServer,
  type CosmosTestServer,
} from '@salescoach/store/testing/cosmos-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApiProcess, type ApiProcess } from './reliability/api-process.js';
import { writeServersFile } from './reliability/mcp-servers-file.js';
import { startNginxProxy, type NginxProxy } from './reliability/nginx-proxy.js';
import { collectEvents } from './testing/index.js';

/**
 * Two API *processes* (the real entry point, `src/main.ts`) behind the repository's nginx.conf
 * with an upstream of both, on one Redis (BUS=redis) and one Cosmos-compatible server
 * (STORE=cosmos). Members connect through nginx and straight to each instance.
 */
const repoRoot = join(import.meta.dirname, '../../..');
let redis: RedisServerHandle;
let cosmos: CosmosTestServer;
let model: ScriptedOpenAiServer;
let dataDir: string;
let ports: { a: number; b: number };
let a: ApiProcess;
let b: ApiProcess | undefined;
let nginx: NginxProxy;
const lines: string[] = [];
const tokens = new Map<string, string>();
const clients: SalesCoachClient[] = [];

beforeAll(async () => {
  [redis, cosmos, model] = await Promise.all([
    startRedisServer(),
    startCosmosTestServer(),
    startScriptedOpenAiServer(),
  ]);
  dataDir = await mkdtemp(join(tmpdir(), 'sc-processes-'));
  ports = { a: await freePort(), b: await freePort() };
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    // Both share the dev issuer's signing key, so a token from one is valid on the other.
    DATA_DIR: dataDir,
    MCP_SERVERS_FILE: await writeServersFile(dataDir, []),
    PROMPT_TEMPLATE_FILE: join(repoRoot, 'prompts/coach.md'),
    PRACTICE_SCENARIOS_DIR: join(repoRoot, 'practice/scenarios'),
    PRACTICE_METHODOLOGY_DIR: join(repoRoot, 'practice/methodology'),
    STORE: 'cosmos',
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: 'test-key',
    COSMOS_ALLOW_SELF_SIGNED: 'true',
    COSMOS_DATABASE: 'processes',
    BUS: 'redis',
    REDIS_URL: redis.url,
    LLM_PROVIDER: 'openai',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: model.url,
    LLM_MAX_RETRIES: '0',
    LOG_LEVEL: 'info',
    DELTA_COALESCE_MS: '5',
    SENDS_PER_MINUTE: '1000',
    SESSIONS_CREATED_PER_MINUTE: '2',
  };
  // One after the other: the first creates the signing key and the Cosmos containers.
  a = await startApiProcess({ ...env, PORT: String(ports.a) }, lines);
  b = await startApiProcess({ ...env, PORT: String(ports.b) }, lines);
  nginx = await startNginxProxy([ports.a, ports.b], join(dataDir, 'nginx'));
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await nginx?.stop();
  await b?.stop('SIGTERM');
  await a?.stop('SIGTERM');
  await model?.close();
  await cosmos?.close();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function tokenOf(user: string): Promise<string> {
  const known = tokens.get(user);
  if (known) return known;
  const response = await fetch(`http://127.0.0.1:${ports.a}/trpc/auth.devLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  const { token } = ((await response.json()) as { result: { data: { token: string } } }).result
    .data;
  tokens.set(user, token);
  return token;
}

type Where = 'a' | 'b' | 'nginx';
async function connect(user: string, where: Where): Promise<SalesCoachClient> {
  const url = where === 'nginx' ? nginx.wsUrl : `ws://127.0.0.1:${ports[where]}/trpc`;
  const client = createSalesCoachClient({ url, token: await tokenOf(user) });
  clients.push(client);
  return client;
}

/** The instance's open WebSockets, from its own /metrics. */
async function socketsOn(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = /^salescoach_ws_connections (\d+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error('no salescoach_ws_connections in /metrics');
  return Number(value);
}

type Collected = ReturnType<typeof collectEvents>;
function followRoom(client: SalesCoachClient, groupId: string) {
  const seen = collectEvents();
  const sub = client.api.groups.events.subscribe(
    { groupId, lastEventId: null },
    { onStarted: seen.onStarted, onData: seen.onData, onError: () => undefined },
  );
  return { seen, unsubscribe: () => sub.unsubscribe() };
}
const createdIn = (seen: Collected) =>
  seen.events.flatMap((e) =>
    e.event.type === 'message.created' ? [`${e.id}|${e.event.message.id}`] : [],
  );

/** A Sales room owned by Alex with Sam, Morgan and Riley in it. */
async function room(owner: SalesCoachClient, name: string): Promise<string> {
  const group = await owner.api.groups.create.mutate({ name, role: 'Sales', aiMode: 'mention' });
  for (const userId of ['dev:sam', 'dev:morgan', 'dev:riley'])
    await owner.api.groups.members.add.mutate({ groupId: group.id, userId });
  return group.id;
}

/** Rejects if `promise` takes longer than `ms` (a send to a dead instance never settles by itself). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}

describe('two API processes behind nginx, on Redis and Cosmos', () => {
  it('members spread over both instances see one order', async () => {
    const alexOnA = await connect('alex', 'a');
    const samOnB = await connect('sam', 'b');
    const groupId = await room(alexOnA, 'Order across processes');
    await samOnB.api.groups.get.query({ groupId });
    const before = { a: await socketsOn(ports.a), b: await socketsOn(ports.b) };
    const viaNginx = await Promise.all(
      ['alex', 'sam', 'morgan', 'riley', 'sam', 'morgan'].map((user) => connect(user, 'nginx')),
    );
    const members = [alexOnA, samOnB, ...viaNginx];
    const subs = members.map((client) => followRoom(client, groupId));
    await Promise.all(subs.map((s) => s.seen.started));
    // nginx put its sockets on both instances (round robin), beside the direct ones.
    const after = { a: await socketsOn(ports.a), b: await socketsOn(ports.b) };
    expect(after.a - before.a).toBeGreaterThan(0);
    expect(after.b - before.b).toBeGreaterThan(0);
    expect(after.a - before.a + (after.b - before.b)).toBe(viaNginx.length);

    const sends = members.flatMap((client, m) =>
      [0, 1, 2].map((n) =>
        client.api.groups.send.mutate({
          groupId,
          content: `line ${m}.${n}`,
          clientMessageId: `order-${m}-${n}`,
        }),
      ),
    );
    const sent = await Promise.all(sends);
    await Promise.all(
      subs.map((s) => s.seen.until(() => createdIn(s.seen).length === sent.length)),
    );
    const orders = subs.map((s) => createdIn(s.seen));
    for (const other of orders.slice(1)) expect(other).toEqual(orders[0]);
    const history = await viaNginx[0]!.api.groups.messages.list.query({ groupId });
    expect(history.messages.map((m) => m.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(new Set(history.messages.map((m) => m.id))).toEqual(
      new Set(sent.map((s) => s.messageId)),
    );
    for (const s of subs) s.unsubscribe();
  });

  it('an answer started on one instance is stopped from the other', async () => {
    model.script([textAnswer('word '.repeat(400), { chunkSize: 5, delayMs: 10 })]);
    const onA = await connect('alex', 'a');
    const onB = await connect('alex', 'b');
    const session = await onA.api.chat.sessions.create.mutate({ title: 'stop across' });
    const seen = collectEvents();
    const sub = onA.api.chat.events.subscribe(
      { sessionId: session.id, lastEventId: null },
      { onStarted: seen.onStarted, onData: seen.onData },
    );
    await seen.started;
    await onA.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Tell me a long story',
      clientMessageId: 'stop-across',
    });
    await seen.until((all) => all.filter((e) => e.event.type === 'answer.delta').length >= 2);
    await expect(onB.api.chat.stop.mutate({ sessionId: session.id })).resolves.toEqual({
      stopped: true,
    });
    type End = Extract<ConversationEvent, { type: 'answer.completed' | 'answer.failed' }>;
    const endOf = () =>
      seen.events
        .map((e) => e.event)
        .find((e): e is End => e.type === 'answer.completed' || e.type === 'answer.failed');
    await seen.until(() => endOf() !== undefined);
    sub.unsubscribe();
    expect(endOf()?.message.status).toBe('interrupted');
    expect(endOf()?.message.content.length).toBeLessThan('word '.repeat(400).length);
  });

  it('limits are one allowance across the instances', async () => {
    // SESSIONS_CREATED_PER_MINUTE=2 for Morgan, whichever instance counts.
    await (await connect('morgan', 'a')).api.chat.sessions.create.mutate({ title: 'one' });
    await (await connect('morgan', 'b')).api.chat.sessions.create.mutate({ title: 'two' });
    for (const where of ['a', 'b'] as const)
      await expect(
        (await connect('morgan', where)).api.chat.sessions.create.mutate({ title: 'three' }),
      ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
  });

  it('an instance killed with SIGKILL loses no acknowledged message; the survivor keeps serving', async () => {
    const alexOnA = await connect('alex', 'a');
    const groupId = await room(alexOnA, 'Kill one');
    const watcher = followRoom(alexOnA, groupId);
    await watcher.seen.started;
    const writers: [SalesCoachClient, Where][] = [
      [await connect('sam', 'b'), 'b'],
      [await connect('morgan', 'b'), 'b'],
      [await connect('riley', 'nginx'), 'nginx'],
      [await connect('sam', 'nginx'), 'nginx'],
      [await connect('morgan', 'a'), 'a'],
    ];
    const acknowledged: Message['id'][] = [];
    let killed = false;
    let afterKill = 0;
    const failures: string[] = [];
    const writing = writers.map(async ([client, where], w) => {
      for (let n = 0; n < 40; n += 1) {
        try {
          const sent = await within(
            client.api.groups.send.mutate({
              groupId,
              content: `w${w} line ${n}`,
              clientMessageId: `kill-${w}-${n}`,
            }),
            5_000,
          );
          acknowledged.push(sent.messageId);
          if (killed) afterKill += 1;
        } catch (error) {
          // Lost with the killed instance (never acknowledged): allowed, nothing else is.
          if (!killed) failures.push(`writer ${w}: ${(error as Error).message}`);
          // A socket straight to the dead instance has nowhere to go; nginx's reconnect.
          if (!killed || where === 'b') return;
        }
      }
    });
    // Kill B once a good part of the messages is stored (seen live on A).
    await watcher.seen.until((all) => all.filter((e) => e.id !== undefined).length >= 40, 30_000);
    killed = true;
    await b?.stop('SIGKILL');
    b = undefined;
    await Promise.all(writing);
    expect(failures).toEqual([]);

    const history = await alexOnA.api.groups.messages.list.query({ groupId, limit: 200 });
    const stored = new Set(history.messages.map((m) => m.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(history.messages.map((m) => m.seq)).toEqual(history.messages.map((_, i) => i + 1));
    // Writes went on after the kill (through nginx and on A), and a new socket through nginx
    // reaches the survivor.
    expect(afterKill).toBeGreaterThan(0);
    const late = await (
      await connect('riley', 'nginx')
    ).api.groups.send.mutate({
      groupId,
      content: 'after the kill',
      clientMessageId: 'after-kill',
    });
    await watcher.seen.until((all) =>
      all.some((e) => e.event.type === 'message.created' && e.event.message.id === late.messageId),
    );
    watcher.unsubscribe();
  });
});
