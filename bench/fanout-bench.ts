import { performance } from 'node:perf_hooks';
import { unwrapEvent, type SalesCoachClient } from '@salescoach/client';
import { startApiProcess } from './api-process.js';
import { row, type BenchRow } from './bench-row.js';
import { measureRawWs, measureSocketIo } from './fanout-baselines.js';
import {
  contentFor,
  cpuPerDelivery,
  DELIVERY_TIMEOUT_MS,
  newDelivery,
  record,
  summary,
  type FanoutResult,
  type SampleEvent,
} from './fanout-delivery.js';
import { mapLimit, pad, range, waitForQuiet, waitUntil } from './waiting.js';

export interface FanoutSize {
  readonly members: number;
  readonly messages: number;
  /** Write a CPU profile of the API while sending (for finding where the time goes). */
  readonly profileFile?: string;
}

interface ProductResult extends FanoutResult {
  readonly setupMs: number;
  readonly setupEvents: number;
  readonly sample: SampleEvent | undefined;
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
async function measureGroups(size: FanoutSize): Promise<ProductResult> {
  const api = await startApiProcess({
    SENDS_PER_MINUTE: '1000000',
    ROOM_MAX_MEMBERS: String(Math.max(500, size.members)),
  });
  try {
    const users = await mapLimit(range(size.members), 16, (i) => api.user(`fan-${pad(i)}`));
    const owner = api.client(users[0]!);
    const group = await owner.api.groups.create.mutate({
      name: 'Fan-out bench',
      role: 'Sales',
      aiMode: 'mention',
    });
    await mapLimit(users.slice(1), 8, (u) =>
      owner.api.groups.members.add.mutate({ groupId: group.id, userId: u.userId }),
    );

    const delivery = newDelivery(size.messages);
    let setupEvents = 0;
    let sample: SampleEvent | undefined;
    const setupStart = performance.now();
    const clients = users.map((u, i) => (i === 0 ? owner : api.client(u)));
    await mapLimit(clients, 25, (client, i) =>
      subscribeToGroup(client, group.id, (raw) => {
        const { event } = unwrapEvent(raw);
        if (event.type === 'message.created') {
          if (i === 1 && sample === undefined) sample = raw as SampleEvent;
          record(delivery, event.message.content);
        } else {
          setupEvents += 1;
        }
      }),
    );
    await waitForQuiet(() => setupEvents, 2_000, 120_000);
    const setupMs = performance.now() - setupStart;

    if (size.profileFile) await api.child.request('profile-start');
    const serverCpu0 = await api.child.cpuMicros();
    const benchCpu0 = process.cpuUsage();
    delivery.firstSend = performance.now();
    for (const seq of range(size.messages)) {
      delivery.sendAt[seq] = performance.now();
      await owner.api.groups.send.mutate({
        groupId: group.id,
        content: contentFor(seq),
        clientMessageId: `fan-${seq}`,
      });
    }
    const expected = size.members * size.messages;
    const complete = await waitUntil(() => delivery.delivered >= expected, DELIVERY_TIMEOUT_MS);
    const benchCpu = process.cpuUsage(benchCpu0);
    const cpu = {
      serverMs: ((await api.child.cpuMicros()) - serverCpu0) / 1000,
      clientsMs: (benchCpu.user + benchCpu.system) / 1000,
    };
    if (size.profileFile) await api.child.request('profile-stop', size.profileFile);
    return { ...summary(delivery), expected, complete, setupMs, setupEvents, sample, cpu };
  } finally {
    await api.close();
  }
}

const ms = (value: number) => Math.round(value);

function rowsFor(
  size: FanoutSize,
  product: ProductResult,
  raw: FanoutResult,
  peer: FanoutResult,
): BenchRow[] {
  const label = `${size.members.toLocaleString('en')} members × ${size.messages} messages`;
  const lost = product.expected - product.delivered;
  const note = [
    `CPU while sending: API ${ms(product.cpu.serverMs)} ms, its clients ${ms(product.cpu.clientsMs)} ms; raw ws server ${ms(raw.cpu.serverMs)} ms, clients ${ms(raw.cpu.clientsMs)} ms; Socket.IO server ${ms(peer.cpu.serverMs)} ms, clients ${ms(peer.cpu.clientsMs)} ms`,
    `setup: ${size.members} subscriptions in ${ms(product.setupMs)} ms, ${product.setupEvents} presence/member events delivered while joining`,
    lost > 0
      ? `${lost} of ${product.expected} deliveries missing after ${DELIVERY_TIMEOUT_MS / 1000} s`
      : '',
    raw.delivered < raw.expected ? `raw ws missed ${raw.expected - raw.delivered}` : '',
    peer.delivered < peer.expected ? `Socket.IO missed ${peer.expected - peer.delivered}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const rate = row({
    metric: `group fan-out: delivered messages/s (${label}), vs raw ws`,
    value: product.rate,
    baseline: raw.rate,
    unit: 'msg/s',
    goal: 'ratio ≥ 0.5',
    note,
  });
  rate.pass = product.complete && rate.ratio >= 0.5;
  const vsPeer = row({
    metric: `group fan-out: delivered messages/s (${label}), vs Socket.IO rooms`,
    value: product.rate,
    baseline: peer.rate,
    unit: 'msg/s',
    goal: 'ratio > 1',
  });
  vsPeer.pass = product.complete && vsPeer.ratio > 1;
  return [
    rate,
    vsPeer,
    row({
      metric: `group fan-out: server CPU per delivered message (${size.members.toLocaleString('en')} members), vs raw ws`,
      value: cpuPerDelivery(product),
      baseline: cpuPerDelivery(raw),
      unit: 'µs',
      goal: '—',
      note: `CPU time of the server process while sending, divided by deliveries (steadier than wall-clock rates on a shared machine); Socket.IO ${cpuPerDelivery(peer).toFixed(2)} µs`,
    }),
    row({
      metric: `group fan-out: delivery latency p99 (${size.members.toLocaleString('en')} members), vs raw ws`,
      value: product.p99,
      baseline: raw.p99,
      unit: 'ms',
      goal: 'p99 ≤ 50 ms',
      pass: product.complete && product.p99 <= 50,
      note: `p50 ${product.p50.toFixed(2)} ms (raw ws ${raw.p50.toFixed(2)} ms, Socket.IO ${peer.p50.toFixed(2)} ms); Socket.IO p99 ${peer.p99.toFixed(2)} ms`,
    }),
  ];
}

/** API CPU per delivery of each room size measured so far in this run (for the flatness row). */
const measuredPerDelivery: { members: number; us: number }[] = [];

/** 1. Group fan-out over tRPC WebSockets against raw ws (the floor) and Socket.IO (a peer). */
export async function runFanoutBench(size: FanoutSize): Promise<BenchRow[]> {
  const product = await measureGroups(size);
  if (product.sample === undefined) throw new Error('no message reached the members');
  const raw = await measureRawWs(size, product.sample);
  const peer = await measureSocketIo(size, product.sample);
  measuredPerDelivery.push({ members: size.members, us: cpuPerDelivery(product) });
  return rowsFor(size, product, raw, peer);
}

/** The largest room's API CPU per delivery against the smallest's, when both ran. */
export function fanoutFlatnessRows(): BenchRow[] {
  const sorted = [...measuredPerDelivery].sort((a, b) => a.members - b.members);
  const smallest = sorted[0];
  const largest = sorted.at(-1);
  if (!smallest || !largest || largest === smallest) return [];
  return [
    row({
      metric: `group fan-out: API CPU per delivery, ${largest.members.toLocaleString('en')} vs ${smallest.members.toLocaleString('en')} members`,
      value: largest.us,
      baseline: smallest.us,
      unit: 'µs',
      goal: 'ratio ≈ 1 (flat)',
      pass: largest.us <= smallest.us * 1.25,
    }),
  ];
}
