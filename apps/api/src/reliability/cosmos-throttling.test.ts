import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { newId, type ConversationRef, type Store } from '@salescoach/domain';
import { openCosmosStore } from '@salescoach/store/cosmos';
import { sessionFixture, userMessageFixture } from '@salescoach/store/testing';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startThrottlingProxy,
  type ProxiedRequest,
  type ThrottlingProxy,
} from './throttling-proxy.js';

/**
 * Cosmos DB throttling: a proxy in front of the Cosmos test server answers some writes with
 * 429 + x-ms-retry-after-ms (they never reach the database). The real SDK, configured by
 * openCosmosStore, waits and retries; the append protocol keeps seq gap-free and unique.
 */
let cosmos: Server | undefined;
let proxy: ThrottlingProxy | undefined;
let store: Store | undefined;
let throttleWrites = false;
let writes = 0;

/** Document writes: creates, replaces and transactional batches. */
const isWrite = (request: ProxiedRequest) =>
  (request.method === 'POST' &&
    request.path.endsWith('/docs') &&
    request.headers['x-ms-documentdb-query'] === undefined) ||
  (request.method === 'PUT' && request.path.includes('/docs/'));
const isBatch = (request: ProxiedRequest) =>
  request.headers['x-ms-cosmos-is-batch-request'] !== undefined;

/** The Cosmos test server (in this process, HTTPS, its own self-signed certificate) on a free port. */
async function startCosmos(): Promise<{ server: Server; endpoint: string }> {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const started = await startCosmos();
  cosmos = started.server;
  proxy = await startThrottlingProxy({
    target: started.endpoint,
    retryAfterMs: 15,
    // Two writes in every five are throttled, retries included: some appends are throttled more than once.
    throttle: (request) => throttleWrites && isWrite(request) && ++writes % 5 < 2,
  });
  store = await openCosmosStore({
    endpoint: proxy.endpoint,
    key: 'test-key',
    database: 'salescoach-throttled',
    allowSelfSigned: true,
    maxRetries: 9,
    maxRetryWaitMs: 30_000,
  });
});
afterAll(async () => {
  await store?.close();
  await proxy?.close();
  const server = cosmos;
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('Cosmos throttling', () => {
  it(
    'fault: 429 with x-ms-retry-after-ms on writes → retried; 50 appends give seq 1..50, none duplicated or missing',
    { timeout: 60_000 },
    async () => {
      if (!store || !proxy) throw new Error('not started');
      const opened = store;
      const session = await opened.sessions.create(sessionFixture('dev:alex'));
      const ref: ConversationRef = { kind: 'session', userId: 'dev:alex', sessionId: session.id };
      throttleWrites = true;
      const sent = Array.from({ length: 50 }, (_, i) =>
        userMessageFixture(ref, `message ${i}`, { id: newId(), clientMessageId: `client-${i}` }),
      );
      // Five writers at a time race for the next seq while being throttled.
      const results = [];
      for (let at = 0; at < sent.length; at += 5) {
        results.push(
          ...(await Promise.all(
            sent.slice(at, at + 5).map((message) => opened.messages.append(ref, message)),
          )),
        );
      }
      expect(results.every((r) => r.created)).toBe(true);

      // A retried send after throttling is still idempotent.
      const again = await opened.messages.append(
        ref,
        userMessageFixture(ref, 'message 7', { id: newId(), clientMessageId: 'client-7' }),
      );
      expect(again).toMatchObject({ created: false, message: { content: 'message 7' } });
      throttleWrites = false;

      const stored = await opened.messages.list(ref, { limit: 200 });
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(stored.map((m) => m.id)).size).toBe(50);
      expect(stored.map((m) => m.clientMessageId).sort()).toEqual(
        sent.map((m) => m.clientMessageId).sort(),
      );
      expect(stored.map((m) => m.content).sort()).toEqual(sent.map((m) => m.content).sort());
      expect((await opened.sessions.get('dev:alex', session.id))?.lastSeq).toBe(50);

      // The throttling really happened, on the append batches too.
      expect(proxy.throttled.length).toBeGreaterThanOrEqual(20);
      expect(proxy.throttled.filter(isBatch).length).toBeGreaterThan(0);
    },
  );
});
