import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { unwrapEvent, type SalesCoachClient } from '@salescoach/client';
import WebSocket from 'ws';
import { startApiProcess } from './api-process.js';
import { percentile, row, type BenchRow } from './bench-row.js';
import { forkBenchChild } from './child-ipc.js';
import type { BaselineReady } from './ws-baseline-child.js';
import { mapLimit, pad, range, waitForQuiet, waitUntil } from './waiting.js';
import { frameText } from './ws-text.js';

export interface FanoutOptions {
  readonly members: number;
  readonly messages: number;
  /** Write a CPU profile of the API while sending (for finding where the time goes). */
  readonly profileFile?: string;
}

interface Delivery {
  delivered: number;
  readonly latencies: number[];
  firstSend: number;
  lastDelivery: number;
  readonly sendAt: number[];
}

const PREFIX = 'fanout#';
const FILLER =
  ' Q3 pipeline review: three deals slipped to next quarter, two moved to commit; please update the forecast by Friday.';
const DELIVERY_TIMEOUT_MS = 120_000;

const contentFor = (seq: number) => `${PREFIX}${seq}${FILLER}`;

function newDelivery(messages: number): Delivery {
  return {
    delivered: 0,
    latencies: [],
    firstSend: 0,
    lastDelivery: 0,
    sendAt: new Array<number>(messages).fill(0),
  };
}

function record(delivery: Delivery, content: string): void {
  if (!content.startsWith(PREFIX)) return;
  const seq = Number.parseInt(content.slice(PREFIX.length), 10);
  const now = performance.now();
  delivery.delivered += 1;
  delivery.latencies.push(now - (delivery.sendAt[seq] ?? now));
  delivery.lastDelivery = now;
}

function summary(delivery: Delivery) {
  const seconds = Math.max(1e-6, (delivery.lastDelivery - delivery.firstSend) / 1000);
  return {
    rate: delivery.delivered / seconds,
    p50: percentile(delivery.latencies, 50),
    p99: percentile(delivery.latencies, 99),
    delivered: delivery.delivered,
  };
}

function subscribeToGroup(
  client: SalesCoachClient,
  groupId: string,
  onEvent: (raw: unknown) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    client.api.groups.events.subscribe(
      { groupId, lastEventId: null },
      { onStarted: () => resolve(), onData: onEvent, onError: (error) => reject(error) },
    );
  });
}

/** The product: one group, every member following it over its own tRPC WebSocket. */
async function measureGroups(options: FanoutOptions) {
  const api = await startApiProcess({ SENDS_PER_MINUTE: '1000000' });
  try {
    const users = await mapLimit(range(options.members), 16, (i) => api.user(`fan-${pad(i)}`));
    const owner = api.client(users[0]!);
    const group = await owner.api.groups.create.mutate({
      name: 'Fan-out bench',
      role: 'Sales',
      aiMode: 'mention',
    });
    await mapLimit(users.slice(1), 8, (u) =>
      owner.api.groups.members.add.mutate({ groupId: group.id, userId: u.userId }),
    );

    const delivery = newDelivery(options.messages);
    let setupEvents = 0;
    let sampleFrame: unknown;
    const setupStart = performance.now();
    const clients = users.map((u, i) => (i === 0 ? owner : api.client(u)));
    await mapLimit(clients, 25, (client, i) =>
      subscribeToGroup(client, group.id, (raw) => {
        const { event } = unwrapEvent(raw);
        if (event.type === 'message.created') {
          if (i === 1 && sampleFrame === undefined) sampleFrame = raw;
          record(delivery, event.message.content);
        } else {
          setupEvents += 1;
        }
      }),
    );
    await waitForQuiet(() => setupEvents, 1_000, 60_000);
    const setupMs = performance.now() - setupStart;

    if (options.profileFile) await api.child.request('profile-start');
    const serverCpu0 = await api.child.cpuMicros();
    const benchCpu0 = process.cpuUsage();
    delivery.firstSend = performance.now();
    for (const seq of range(options.messages)) {
      delivery.sendAt[seq] = performance.now();
      await owner.api.groups.send.mutate({
        groupId: group.id,
        content: contentFor(seq),
        clientMessageId: `fan-${seq}`,
      });
    }
    const expected = options.members * options.messages;
    const complete = await waitUntil(() => delivery.delivered >= expected, DELIVERY_TIMEOUT_MS);
    const benchCpu = process.cpuUsage(benchCpu0);
    const cpu = {
      serverMs: ((await api.child.cpuMicros()) - serverCpu0) / 1000,
      clientsMs: (benchCpu.user + benchCpu.system) / 1000,
    };
    if (options.profileFile) await api.child.request('profile-stop', options.profileFile);
    return { ...summary(delivery), expected, complete, setupMs, setupEvents, sampleFrame, cpu };
  } finally {
    await api.close();
  }
}

function openRaw(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The baseline: the same frames broadcast by a plain ws server to as many raw clients. */
async function measureRawWs(options: FanoutOptions, sampleFrame: unknown) {
  const { child, ready } = await forkBenchChild<BaselineReady>(
    join(import.meta.dirname, 'ws-baseline-child.ts'),
    {},
  );
  const sockets: WebSocket[] = [];
  try {
    const delivery = newDelivery(options.messages);
    await mapLimit(range(options.members), 25, async () => {
      const ws = await openRaw(ready.url);
      sockets.push(ws);
      const subscribed = new Promise<void>((resolve) => ws.once('message', () => resolve()));
      ws.send(JSON.stringify({ kind: 'subscribe', topic: 'fanout' }));
      await subscribed;
      ws.on('message', (data) => {
        const frame = JSON.parse(frameText(data)) as {
          result: { data: { data: { message: { content: string } } } };
        };
        record(delivery, frame.result.data.data.message.content);
      });
    });
    const serverCpu0 = await child.cpuMicros();
    const benchCpu0 = process.cpuUsage();
    const sender = await openRaw(ready.url);
    sockets.push(sender);
    const acks = new Map<number, () => void>();
    sender.on('message', (data) => {
      const { seq } = JSON.parse(frameText(data)) as { seq: number };
      acks.get(seq)?.();
    });
    const template = sampleFrame as { id: string; data: { message: Record<string, unknown> } };
    delivery.firstSend = performance.now();
    for (const seq of range(options.messages)) {
      const acked = new Promise<void>((resolve) => acks.set(seq, resolve));
      delivery.sendAt[seq] = performance.now();
      const frame = {
        id: 1,
        result: {
          type: 'data',
          id: template.id,
          data: {
            ...template,
            data: {
              ...template.data,
              message: { ...template.data.message, content: contentFor(seq) },
            },
          },
        },
      };
      sender.send(JSON.stringify({ kind: 'publish', seq, frame }));
      await acked;
    }
    const expected = options.members * options.messages;
    const complete = await waitUntil(() => delivery.delivered >= expected, DELIVERY_TIMEOUT_MS);
    const benchCpu = process.cpuUsage(benchCpu0);
    const cpu = {
      serverMs: ((await child.cpuMicros()) - serverCpu0) / 1000,
      clientsMs: (benchCpu.user + benchCpu.system) / 1000,
    };
    return { ...summary(delivery), expected, complete, cpu };
  } finally {
    for (const ws of sockets) ws.terminate();
    await child.close();
  }
}

/** 1. Group fan-out over tRPC WebSockets against the same frames over raw ws. */
export async function runFanoutBench(options: FanoutOptions): Promise<BenchRow[]> {
  const product = await measureGroups(options);
  if (product.sampleFrame === undefined) throw new Error('no message reached the members');
  const raw = await measureRawWs(options, product.sampleFrame);
  const label = `${options.members} members × ${options.messages} messages`;
  const lost = product.expected - product.delivered;
  const note = [
    `CPU while sending: API ${Math.round(product.cpu.serverMs)} ms, clients ${Math.round(product.cpu.clientsMs)} ms; baseline server ${Math.round(raw.cpu.serverMs)} ms, clients ${Math.round(raw.cpu.clientsMs)} ms`,
    `setup: ${options.members} subscriptions in ${Math.round(product.setupMs)} ms, ${product.setupEvents} presence/member events delivered while joining`,
    lost > 0
      ? `${lost} of ${product.expected} deliveries missing after ${DELIVERY_TIMEOUT_MS / 1000} s`
      : '',
    raw.delivered < raw.expected ? `baseline missed ${raw.expected - raw.delivered}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const rate = row({
    metric: `group fan-out: delivered messages/s (${label})`,
    value: product.rate,
    baseline: raw.rate,
    unit: 'msg/s',
    goal: 'ratio ≥ 0.5',
    note,
  });
  rate.pass = product.complete && rate.ratio >= 0.5;
  const perDelivery = (ms: number, delivered: number) => (ms * 1000) / Math.max(1, delivered);
  return [
    rate,
    row({
      metric: 'group fan-out: server CPU per delivered message',
      value: perDelivery(product.cpu.serverMs, product.delivered),
      baseline: perDelivery(raw.cpu.serverMs, raw.delivered),
      unit: 'µs',
      goal: '—',
      note: 'CPU time of the server process while sending, divided by deliveries: steadier than wall-clock rates on a shared machine',
    }),
    row({
      metric: 'group fan-out: delivery latency p50',
      value: product.p50,
      baseline: raw.p50,
      unit: 'ms',
      goal: '—',
    }),
    row({
      metric: 'group fan-out: delivery latency p99',
      value: product.p99,
      baseline: raw.p99,
      unit: 'ms',
      goal: 'p99 ≤ 50 ms',
      pass: product.complete && product.p99 <= 50,
    }),
  ];
}
