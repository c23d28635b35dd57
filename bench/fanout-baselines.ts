import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connectSocketIo, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { forkBenchChild, type BenchChild } from './child-ipc.js';
import {
  baselineFrame,
  DELIVERY_TIMEOUT_MS,
  newDelivery,
  record,
  summary,
  type Delivery,
  type FanoutResult,
  type SampleEvent,
} from './fanout-delivery.js';
import type { SocketIoReady } from './socketio-baseline-child.js';
import type { BaselineReady } from './ws-baseline-child.js';
import { mapLimit, range, waitUntil } from './waiting.js';
import { frameText } from './ws-text.js';

export interface BaselineOptions {
  readonly members: number;
  readonly messages: number;
}

type Frame = ReturnType<typeof baselineFrame>;
type ContentFrame = { result: { data: { data: { message: { content: string } } } } };

/** Sends every message through `publish` (one at a time, each acknowledged) and counts CPU. */
async function sendAll(
  child: BenchChild,
  options: BaselineOptions,
  delivery: Delivery,
  sample: SampleEvent,
  publish: (seq: number, frame: Frame) => Promise<void>,
): Promise<FanoutResult> {
  const serverCpu0 = await child.cpuMicros();
  const benchCpu0 = process.cpuUsage();
  delivery.firstSend = performance.now();
  for (const seq of range(options.messages)) {
    delivery.sendAt[seq] = performance.now();
    await publish(seq, baselineFrame(sample, seq));
  }
  const expected = options.members * options.messages;
  const complete = await waitUntil(() => delivery.delivered >= expected, DELIVERY_TIMEOUT_MS);
  const benchCpu = process.cpuUsage(benchCpu0);
  const cpu = {
    serverMs: ((await child.cpuMicros()) - serverCpu0) / 1000,
    clientsMs: (benchCpu.user + benchCpu.system) / 1000,
  };
  return { ...summary(delivery), expected, complete, cpu };
}

function openRaw(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The floor: the same frames broadcast by a plain ws server to as many raw clients. */
export async function measureRawWs(
  options: BaselineOptions,
  sample: SampleEvent,
): Promise<FanoutResult> {
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
        const frame = JSON.parse(frameText(data)) as ContentFrame;
        record(delivery, frame.result.data.data.message.content);
      });
    });
    const sender = await openRaw(ready.url);
    sockets.push(sender);
    const acks = new Map<number, () => void>();
    sender.on('message', (data) => {
      const { seq } = JSON.parse(frameText(data)) as { seq: number };
      acks.get(seq)?.();
    });
    return await sendAll(child, options, delivery, sample, (seq, frame) => {
      const acked = new Promise<void>((resolve) => acks.set(seq, resolve));
      sender.send(JSON.stringify({ kind: 'publish', seq, frame }));
      return acked;
    });
  } finally {
    for (const ws of sockets) ws.terminate();
    await child.close();
  }
}

/** Connects a Socket.IO client over WebSocket only and joins `room` (acknowledged). */
export async function joinSocketIo(url: string, room: string): Promise<Socket> {
  const socket = connectSocketIo(url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.emitWithAck('join', room);
  return socket;
}

/** The peer: Socket.IO rooms, `io.to(room).emit`, read by its own client library. */
export async function measureSocketIo(
  options: BaselineOptions,
  sample: SampleEvent,
): Promise<FanoutResult> {
  const { child, ready } = await forkBenchChild<SocketIoReady>(
    join(import.meta.dirname, 'socketio-baseline-child.ts'),
    {},
  );
  const sockets: Socket[] = [];
  try {
    const delivery = newDelivery(options.messages);
    await mapLimit(range(options.members), 25, async () => {
      const socket = await joinSocketIo(ready.url, 'fanout');
      sockets.push(socket);
      socket.on('event', (frame: ContentFrame) =>
        record(delivery, frame.result.data.data.message.content),
      );
    });
    const sender = await joinSocketIo(ready.url, 'senders');
    sockets.push(sender);
    return await sendAll(child, options, delivery, sample, async (_seq, frame) => {
      await sender.emitWithAck('publish', { room: 'fanout', frame });
    });
  } finally {
    for (const socket of sockets) socket.disconnect();
    await child.close();
  }
}
