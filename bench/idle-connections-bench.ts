import { join } from 'node:path';
import type { SalesCoachClient } from '@salescoach/client';
import WebSocket from 'ws';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { row, type BenchRow } from './bench-row.js';
import { forkBenchChild, type ChildMemory } from './child-ipc.js';
import type { BaselineReady } from './ws-baseline-child.js';
import { mapLimit, pad, range, waitUntil } from './waiting.js';

export interface IdleOptions {
  readonly connections: number;
  /** Write a heap snapshot of the API with every socket open (for finding what each one keeps). */
  readonly heapSnapshotFile?: string;
}

const WARM_UP = 20;
const KB = 1024;

/** One user, one socket, one session, one live subscription to it. */
async function connectSubscribed(api: ApiProcess, key: string): Promise<SalesCoachClient> {
  const client = api.client(await api.user(key));
  const session = await client.api.chat.sessions.create.mutate({ title: 'Idle bench' });
  await new Promise<void>((resolve, reject) => {
    client.api.chat.events.subscribe(
      { sessionId: session.id, lastEventId: null },
      { onStarted: () => resolve(), onError: reject, onData: () => undefined },
    );
  });
  return client;
}

function growth(before: ChildMemory, after: ChildMemory, count: number) {
  return {
    rssKb: (after.rss - before.rss) / count / KB,
    heapKb: (after.heapUsed + after.external - before.heapUsed - before.external) / count / KB,
  };
}

async function measureApi(options: IdleOptions) {
  const api = await startApiProcess();
  try {
    // Warm-up: the first connections load and compile code that every later one shares.
    const warm = await mapLimit(range(WARM_UP), 10, (i) =>
      connectSubscribed(api, `idle-warm-${i}`),
    );
    await api.closeClients(warm);
    await waitUntil(() => false, 500);
    const before = await api.child.memory();
    await mapLimit(range(options.connections), 50, (i) => connectSubscribed(api, `idle-${pad(i)}`));
    const open = await api.child.request<number>('sockets');
    const after = await api.child.memory();
    if (options.heapSnapshotFile)
      await api.child.request('heap-snapshot', options.heapSnapshotFile, 120_000);
    return { ...growth(before, after, options.connections), open, rssMb: after.rss / KB / KB };
  } finally {
    await api.close();
  }
}

async function measureRawWs(options: IdleOptions) {
  const { child, ready } = await forkBenchChild<BaselineReady>(
    join(import.meta.dirname, 'ws-baseline-child.ts'),
    {},
  );
  const sockets: WebSocket[] = [];
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(ready.url);
      sockets.push(ws);
      ws.once('error', reject);
      ws.once('open', () =>
        ws.send(JSON.stringify({ kind: 'subscribe', topic: `session-${sockets.length}` })),
      );
      ws.once('message', () => resolve());
    });
  try {
    await mapLimit(range(WARM_UP), 10, connect);
    for (const ws of sockets.splice(0)) ws.terminate();
    await waitUntil(() => false, 500);
    const before = await child.memory();
    await mapLimit(range(options.connections), 50, connect);
    const after = await child.memory();
    return growth(before, after, options.connections);
  } finally {
    for (const ws of sockets) ws.terminate();
    await child.close();
  }
}

/** 3. Authenticated sockets, each with one live subscription: server memory per connection. */
export async function runIdleConnectionsBench(options: IdleOptions): Promise<BenchRow[]> {
  const product = await measureApi(options);
  const raw = await measureRawWs(options);
  const rss = row({
    metric: `idle connections: server memory per connection, RSS (${options.connections.toLocaleString('en')} sockets)`,
    value: product.rssKb,
    baseline: raw.rssKb,
    unit: 'KB',
    goal: '≤ 30 KB',
    note: `API in its own process, measured after forced GC before and after connecting (${product.open} sockets open, RSS ${Math.round(product.rssMb)} MB); each socket: its own user and token, one session, one chat.events subscription; baseline: raw ws clients to a plain ws server child, one subscribe message each`,
  });
  rss.pass = product.open >= options.connections && rss.value <= 30;
  return [
    rss,
    row({
      metric: 'idle connections: JS heap + external per connection',
      value: product.heapKb,
      baseline: raw.heapKb,
      unit: 'KB',
      goal: '—',
    }),
  ];
}
