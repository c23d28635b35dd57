import { appRouter } from '@salescoach/api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from '../testing/index.js';
import { askAndFollow } from './answer-probe.js';
import {
  frameArb,
  httpCaseArb,
  inputArb,
  pathArb,
  type FuzzTargets,
  type HttpCase,
} from './fuzz-arbitraries.js';
import { watchForLeaks } from './log-leak-check.js';
import { RawTrpcSocket } from './raw-trpc-socket.js';

/**
 * Fuzzing the API with fast-check (fixed seed): malformed, oversized and wrongly typed
 * WebSocket frames, HTTP requests and typed-client calls. Nothing may crash the process,
 * leave a rejection unhandled, answer with an internal error, or leave a socket or a
 * subscription open; the server must still answer real questions afterwards.
 */
const SEED = 20_261_124;
const FRAMES = 6_000;
const HTTP_REQUESTS = 2_500;
const TYPED_CALLS = 1_500;
/**
 * A fixed amount of work whose duration depends on the machine (on a busy CI runner several
 * times the idle figure): the limits only stop a hang, they do not time anything.
 */
const HANG_GUARD_MS = 300_000;

/** The API's open event-log subscriptions (its own listeners included), from /metrics. */
const openSubscriptions = async () => {
  const text = await (await fetch(`${stack.server.url}/metrics`)).text();
  return Number(/^salescoach_subscriptions (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
};

const secrets = watchForLeaks('fuzz');
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const onUncaught = (error: unknown) => void unhandled.push(error);
let stack: TestStack;
let targets: FuzzTargets;
let token: string;
let baselineSubscriptions = 0;
const counts = { frames: 0, http: 0, typed: 0 };

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
  stack = await startTestStack({ crm: false, env: { SENDS_PER_MINUTE: '20', LOG_LEVEL: 'info' } });
  token = await stack.token('alex');
  secrets.track(token);
  const alex = stack.client('alex');
  const sessionId = (await alex.api.chat.sessions.create.mutate({ title: 'fuzzed' })).id;
  const groupId = (
    await alex.api.groups.create.mutate({ name: 'Fuzzed room', role: 'Sales', aiMode: 'mention' })
  ).id;
  const procedures = Object.entries(
    (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })
      ._def.procedures,
  ).map(([path, procedure]) => ({ path, type: procedure._def.type }));
  targets = { procedures, sessionId, groupId, canary: secrets.canary('content') };
  baselineSubscriptions = await openSubscriptions();
  // Warm up every code path once.
  await driveFrames(200, SEED + 1);
  await driveHttp(100, SEED + 1);
}, HANG_GUARD_MS);
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
  await stack.close();
  secrets.expectAbsentFrom(stack.logLines);
});

const internalErrors: string[] = [];
const closeCodes = new Map<number, number>();

async function driveFrames(total: number, seed: number): Promise<void> {
  const frames = fc.sample(frameArb(targets, stack.settings.WS_MAX_PAYLOAD_BYTES), {
    seed,
    numRuns: total,
  });
  let socket = await RawTrpcSocket.open(stack.server.wsUrl, token);
  const finish = async (s: RawTrpcSocket) => {
    internalErrors.push(...s.internalErrors);
    await s.close();
    if (s.closeCode !== undefined)
      closeCodes.set(s.closeCode, (closeCodes.get(s.closeCode) ?? 0) + 1);
  };
  for (let at = 0; at < frames.length; at += 50) {
    for (const frame of frames.slice(at, at + 50)) {
      if (!socket.open) {
        await finish(socket);
        socket = await RawTrpcSocket.open(stack.server.wsUrl, token);
      }
      socket.send(frame);
      counts.frames += 1;
    }
    // Everything sent so far was handled (or the socket was closed for it).
    await socket.probe();
  }
  await finish(socket);
}

async function sendHttp(request: HttpCase): Promise<number> {
  const headers: Record<string, string> = {};
  if (request.contentType) headers['content-type'] = request.contentType;
  if (request.auth === 'valid') headers.authorization = `Bearer ${token}`;
  if (request.auth === 'junk') headers.authorization = `Bearer ${request.path}.x.y`;
  const params = new URLSearchParams();
  if (request.batch) params.set('batch', '1');
  if (request.query !== undefined) params.set('input', request.query);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  const response = await fetch(
    `${stack.server.url}/trpc/${encodeURIComponent(request.path).replaceAll('%2C', ',')}${query}`,
    {
      method: request.method,
      headers,
      ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
    },
  );
  const text = await response.text();
  if (response.status >= 500 || text.includes('INTERNAL_SERVER_ERROR'))
    internalErrors.push(
      `${request.method} ${request.path}: ${response.status} ${text.slice(0, 300)}`,
    );
  return response.status;
}

async function driveHttp(total: number, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(httpCaseArb(targets), async (request) => {
      counts.http += 1;
      const status = await sendHttp(request);
      return status < 500;
    }),
    { seed, numRuns: total, endOnFailure: true },
  );
}

type AnyCallable = Record<string, unknown> & {
  query?: (i: unknown) => Promise<unknown>;
  mutate?: (i: unknown) => Promise<unknown>;
};

async function typedCall(api: unknown, path: string, input: unknown): Promise<string> {
  let node = api as AnyCallable;
  for (const part of path.split('.')) node = node[part] as AnyCallable;
  const type = targets.procedures.find((p) => p.path === path)?.type;
  try {
    if (type === 'mutation') await node.mutate?.(input);
    else if (type === 'query') await node.query?.(input);
    else return 'skipped';
    return 'ok';
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? 'no code';
  }
}

describe('fuzzing', () => {
  it(
    `${FRAMES} generated WebSocket frames: no crash, no internal error, the socket closed only for oversized frames`,
    { timeout: HANG_GUARD_MS },
    async () => {
      await driveFrames(FRAMES, SEED);
      expect(internalErrors).toEqual([]);
      // 1009: a frame over maxPayload; 1006: closed by the test after an oversized frame.
      expect([...closeCodes.keys()].filter((code) => ![1009, 1006, 1005].includes(code))).toEqual(
        [],
      );
    },
  );

  it(
    `${HTTP_REQUESTS} generated HTTP requests to /trpc: never a 5xx`,
    { timeout: HANG_GUARD_MS },
    async () => {
      await driveHttp(HTTP_REQUESTS, SEED);
      expect(internalErrors).toEqual([]);
    },
  );

  it(
    `${TYPED_CALLS} typed-client calls with generated inputs: refused cleanly, never an internal error`,
    { timeout: HANG_GUARD_MS },
    async () => {
      // An input too large for one frame never reaches a procedure: the server closes the
      // socket (1009) and the call fails without a code. Such inputs go over a client of
      // their own, so the socket of every other call stays open and each of those calls must
      // get its answer from the server: a code, never a dropped connection.
      const client = stack.client('alex');
      const oversizedClient = stack.client('alex');
      const frameBudget = stack.settings.WS_MAX_PAYLOAD_BYTES - 1_024;
      const fitsOneFrame = (input: unknown) =>
        Buffer.byteLength(JSON.stringify(input) ?? '') < frameBudget;
      const codes = new Map<string, number>();
      let oversized = 0;
      const procedurePaths = fc.constantFrom(
        ...targets.procedures.filter((p) => p.type !== 'subscription').map((p) => p.path),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 9, arbitrary: procedurePaths },
            { weight: 1, arbitrary: pathArb(targets) },
          ),
          inputArb(targets),
          async (path, input) => {
            counts.typed += 1;
            if (!targets.procedures.some((p) => p.path === path)) return true;
            if (!fitsOneFrame(input)) {
              oversized += 1;
              return (
                (await typedCall(oversizedClient.api, path, input)) !== 'INTERNAL_SERVER_ERROR'
              );
            }
            const code = await typedCall(client.api, path, input);
            codes.set(code, (codes.get(code) ?? 0) + 1);
            return code !== 'INTERNAL_SERVER_ERROR' && code !== 'no code';
          },
        ),
        { seed: SEED, numRuns: TYPED_CALLS, endOnFailure: true },
      );
      await oversizedClient.close();
      expect(codes.get('BAD_REQUEST')).toBeGreaterThan(0);
      expect(oversized).toBeGreaterThan(0);
      expect(codes.has('INTERNAL_SERVER_ERROR')).toBe(false);
      expect(codes.has('no code')).toBe(false);
    },
  );

  it(
    'after all of it: no unhandled rejection, no socket or subscription left open, and the server still answers',
    { timeout: HANG_GUARD_MS },
    async () => {
      expect(counts.frames + counts.http + counts.typed).toBeGreaterThanOrEqual(10_000);
      expect(unhandled).toEqual([]);
      // Every fuzzing socket is gone once the server has seen it close, and nothing it
      // subscribed to is still followed. (Memory is measured by `pnpm bench:soak`, not here.)
      // Left open: the two typed clients of this file (set-up and typed calls).
      await waitFor(() => (stack.server.sockets().size <= 2 ? true : undefined)).catch(() => {
        throw new Error(`${stack.server.sockets().size} sockets still open`);
      });
      await waitFor(async () =>
        (await openSubscriptions()) === baselineSubscriptions ? true : undefined,
      ).catch(async () => {
        throw new Error(
          `${await openSubscriptions()} subscriptions open, ${baselineSubscriptions} before fuzzing`,
        );
      });

      const health = await fetch(`${stack.server.url}/healthz`);
      expect(health.status).toBe(200);
      const sam = stack.client('sam');
      expect((await sam.api.me.get.query()).id).toBe('dev:sam');
      const end = await (await askAndFollow(sam, 'How is my pipeline this quarter?')).ended();
      expect(end.message.status).toBe('complete');
      expect(stack.server.sockets().size).toBeLessThanOrEqual(3);
    },
  );
});
