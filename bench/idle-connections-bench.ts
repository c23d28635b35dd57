import { join } from 'node:path';
import type { SalesCoachClient } from '@salescoach/client';
import WebSocket from 'ws';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { row, type BenchRow } from './bench-row.js';
import type { BenchUser } from './bench-tokens.js';
import { forkBenchChild, type BenchChild, type ChildMemory } from './child-ipc.js';
import { joinSocketIo } from './fanout-baselines.js';
import { mapLimit, pad, range, waitForQuiet, waitUntil } from './waiting.js';

export interface IdleOptions {
  readonly connections: number;
  /** Room sizes to measure a room subscription in (each: connections / size rooms). */
  readonly roomSizes: readonly number[];
  /** Write a heap snapshot of the API with every chat socket open (what each one keeps). */
  readonly heapSnapshotFile?: string;
}

const WARM_UP = 20;
const KB = 1024;

interface PerSocket {
  readonly rssKb: number;
  readonly heapKb: number;
}

function growth(before: ChildMemory, after: ChildMemory, count: number): PerSocket {
  return {
    rssKb: (after.rss - before.rss) / count / KB,
    heapKb: (after.heapUsed + after.external - before.heapUsed - before.external) / count / KB,
  };
}

interface Measured extends PerSocket {
  /** RSS growth over all `count` sockets ÷ count (fixed one-off growth included). */
  readonly overallRssKb: number;
  readonly rssMb: number;
}

/**
 * What one more open socket costs a server: memory after forced GC with half of `count`
 * sockets open and with all of them, ÷ the second half. Taking the slope leaves out what a
 * server grows once, whatever the count (V8's young generation widening under the first
 * burst of connections, malloc arenas), which would otherwise be split over however many
 * sockets the run happens to open; the overall figure is reported beside it. Everything
 * else (users, sessions, rooms, a warm-up round of connections that loads and compiles the
 * code every socket shares) is done before.
 */
async function perSocket(
  child: BenchChild,
  warmUp: () => Promise<void>,
  connect: (from: number, to: number) => Promise<void>,
  count: number,
): Promise<Measured> {
  await warmUp();
  await waitUntil(() => false, 500);
  const before = await child.memory();
  const half = Math.floor(count / 2);
  await connect(0, half);
  const mid = await child.memory();
  await connect(half, count);
  const after = await child.memory();
  return {
    ...growth(mid, after, count - half),
    overallRssKb: growth(before, after, count).rssKb,
    rssMb: after.rss / KB / KB,
  };
}

/** A chat session of `user`'s, created over HTTP (no socket is left behind). */
async function createSession(api: ApiProcess, user: BenchUser): Promise<string> {
  const response = await fetch(`${api.url}/trpc/chat.sessions.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Idle bench' }),
  });
  const body = (await response.json()) as { result: { data: { id: string } } };
  return body.result.data.id;
}

function subscribed(
  start: (done: { onStarted: () => void; onError: (e: unknown) => void }) => void,
) {
  return new Promise<void>((resolve, reject) => start({ onStarted: resolve, onError: reject }));
}

const chatSubscription = (client: SalesCoachClient, sessionId: string) =>
  subscribed((done) =>
    client.api.chat.events.subscribe(
      { sessionId, lastEventId: null },
      { ...done, onData: () => undefined },
    ),
  );

const roomSubscription = (client: SalesCoachClient, groupId: string, onData: () => void) =>
  subscribed((done) =>
    client.api.groups.events.subscribe({ groupId, lastEventId: null }, { ...done, onData }),
  );

/** Each socket: its own user and token, one session of theirs, one chat.events subscription. */
async function measureChat(options: IdleOptions) {
  const api = await startApiProcess();
  try {
    const users = await mapLimit(range(WARM_UP + options.connections), 16, (i) =>
      api.user(`idle-${pad(i)}`),
    );
    const sessions = await mapLimit(users, 16, (u) => createSession(api, u));
    const open = (from: number, to: number) =>
      mapLimit(range(to - from), 50, async (i) => {
        const client = api.client(users[from + i]!);
        await chatSubscription(client, sessions[from + i]!);
        return client;
      });
    const result = await perSocket(
      api.child,
      async () => api.closeClients(await open(0, WARM_UP)),
      async (from, to) => void (await open(WARM_UP + from, WARM_UP + to)),
      options.connections,
    );
    const sockets = await api.child.request<number>('sockets');
    if (options.heapSnapshotFile)
      await api.child.request('heap-snapshot', options.heapSnapshotFile, 120_000);
    return { ...result, sockets };
  } finally {
    await api.close();
  }
}

/** Each socket: its own user, one groups.events subscription, in rooms of `size` members. */
async function measureRooms(options: IdleOptions, size: number) {
  const api = await startApiProcess({ ROOM_MAX_MEMBERS: String(Math.max(500, size)) });
  try {
    const rooms = Math.max(1, Math.floor(options.connections / size));
    const count = rooms * size;
    const users = await mapLimit(range(WARM_UP + count), 16, (i) => api.user(`room-${pad(i)}`));
    const owner = api.client(users[0]!);
    const warmRoom = await owner.api.groups.create.mutate({
      name: 'Warm-up',
      role: 'Sales',
      aiMode: 'mention',
    });
    const groupIds = await mapLimit(range(rooms), 4, async () => {
      const group = await owner.api.groups.create.mutate({
        name: 'Idle',
        role: 'Sales',
        aiMode: 'mention',
      });
      return group.id;
    });
    const roomOf = (i: number) =>
      i < WARM_UP ? warmRoom.id : groupIds[Math.floor((i - WARM_UP) / size)]!;
    await mapLimit(range(WARM_UP + count).slice(1), 8, (i) =>
      owner.api.groups.members.add.mutate({ groupId: roomOf(i), userId: users[i]!.userId }),
    );
    await api.closeClients([owner]);
    let presence = 0;
    const open = (from: number, to: number) =>
      mapLimit(range(to - from), 50, async (i) => {
        const client = api.client(users[from + i]!);
        await roomSubscription(client, roomOf(from + i), () => void presence++);
        return client;
      });
    const result = await perSocket(
      api.child,
      async () => api.closeClients(await open(0, WARM_UP)),
      async (from, to) => {
        await open(WARM_UP + from, WARM_UP + to);
        // Presence lists go out while people join; memory is read once they stopped.
        await waitForQuiet(() => presence, 2_500, 60_000);
      },
      count,
    );
    return { ...result, count, rooms };
  } finally {
    await api.close();
  }
}

/** A baseline server in its own process: `open(url, n)` connects the n-th client and subscribes it. */
async function measureBaseline<S>(
  script: string,
  count: number,
  open: (url: string, n: number) => Promise<S>,
  close: (client: S) => void,
): Promise<Measured> {
  const { child, ready } = await forkBenchChild<{ url: string }>(
    join(import.meta.dirname, script),
    {},
  );
  const clients: S[] = [];
  let opened = 0;
  const connect = async () => void clients.push(await open(ready.url, ++opened));
  try {
    return await perSocket(
      child,
      async () => {
        await mapLimit(range(WARM_UP), 10, connect);
        for (const client of clients.splice(0)) close(client);
      },
      async (from, to) => void (await mapLimit(range(to - from), 50, connect)),
      count,
    );
  } finally {
    for (const client of clients) close(client);
    await child.close();
  }
}

/** Raw ws: one subscribe message each, acknowledged. */
const openRawSubscriber = (url: string, n: number) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ kind: 'subscribe', topic: `session-${n}` })));
    ws.once('message', () => resolve(ws));
  });

const measureRawWs = (options: IdleOptions) =>
  measureBaseline('ws-baseline-child.ts', options.connections, openRawSubscriber, (ws) =>
    ws.terminate(),
  );

/** Socket.IO: each client joins a room of its own (`socket.join`), acknowledged. */
const measureSocketIo = (options: IdleOptions) =>
  measureBaseline(
    'socketio-baseline-child.ts',
    options.connections,
    (url, n) => joinSocketIo(url, `session-${n}`),
    (socket) => socket.disconnect(),
  );

const kb = (value: number) => `${value.toFixed(1)} KB`;

/** 3. Authenticated sockets, each with one live subscription: server memory per connection. */
export async function runIdleConnectionsBench(options: IdleOptions): Promise<BenchRow[]> {
  const chat = await measureChat(options);
  const rooms = [];
  for (const size of options.roomSizes)
    rooms.push({ size, ...(await measureRooms(options, size)) });
  const raw = await measureRawWs(options);
  const peer = await measureSocketIo(options);
  const n = options.connections.toLocaleString('en');
  const method =
    'each server in its own process; RSS after four full GCs and a memory-reducing one (the same for all three), with half the sockets connected and subscribed and with all, ÷ the second half (users, sessions and rooms made before, plus a warm-up round of 20 sockets); raw ws: one subscribe message each; Socket.IO: WebSocket transport, one `socket.join` each';
  const rss = row({
    metric: `idle connections: server memory per connection, RSS — one chat subscription (${n} sockets), vs raw ws`,
    value: chat.rssKb,
    baseline: raw.rssKb,
    unit: 'KB',
    goal: '≤ 30 KB',
    note: `${method}; ${chat.sockets} sockets open, RSS ${Math.round(chat.rssMb)} MB; JS heap + external per socket ${kb(chat.heapKb)} (raw ws ${kb(raw.heapKb)}, Socket.IO ${kb(peer.heapKb)}); all sockets ÷ their count, fixed growth included: ${kb(chat.overallRssKb)} (raw ws ${kb(raw.overallRssKb)}, Socket.IO ${kb(peer.overallRssKb)})`,
  });
  rss.pass = chat.sockets >= options.connections && rss.value <= 30;
  const vsPeer = row({
    metric:
      'idle connections: RSS per connection — one chat subscription, vs Socket.IO (one room each)',
    value: chat.rssKb,
    baseline: peer.rssKb,
    unit: 'KB',
    goal: 'ratio < 1',
  });
  vsPeer.pass = vsPeer.ratio < 1;
  const roomRows = rooms.map((r) => {
    const roomRow = row({
      metric: `idle connections: RSS per connection — one room subscription, ${r.rooms.toLocaleString('en')} room(s) of ${r.size.toLocaleString('en')}, vs raw ws`,
      value: r.rssKb,
      baseline: raw.rssKb,
      unit: 'KB',
      goal: '≤ 30 KB',
      note: `${r.count} sockets, RSS ${Math.round(r.rssMb)} MB; JS heap + external per socket ${kb(r.heapKb)}; all sockets ÷ their count ${kb(r.overallRssKb)}`,
    });
    roomRow.pass = r.rssKb <= 30;
    return roomRow;
  });
  return [rss, vsPeer, ...roomRows];
}
