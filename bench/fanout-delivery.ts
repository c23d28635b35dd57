import { performance } from 'node:perf_hooks';
import { percentile } from './bench-row.js';

/** What every fan-out measurement counts, whatever the server. */
export interface Delivery {
  delivered: number;
  readonly latencies: number[];
  firstSend: number;
  lastDelivery: number;
  readonly sendAt: number[];
}

export interface FanoutResult {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly delivered: number;
  readonly expected: number;
  readonly complete: boolean;
  /** CPU while sending: the server process's and this (the clients') process's, in ms. */
  readonly cpu: { readonly serverMs: number; readonly clientsMs: number };
}

const PREFIX = 'fanout#';
const FILLER =
  ' Q3 pipeline review: three deals slipped to next quarter, two moved to commit; please update the forecast by Friday.';
export const DELIVERY_TIMEOUT_MS = 120_000;

export const contentFor = (seq: number) => `${PREFIX}${seq}${FILLER}`;

export function newDelivery(messages: number): Delivery {
  return {
    delivered: 0,
    latencies: [],
    firstSend: 0,
    lastDelivery: 0,
    sendAt: new Array<number>(messages).fill(0),
  };
}

export function record(delivery: Delivery, content: string): void {
  if (!content.startsWith(PREFIX)) return;
  const seq = Number.parseInt(content.slice(PREFIX.length), 10);
  const now = performance.now();
  delivery.delivered += 1;
  delivery.latencies.push(now - (delivery.sendAt[seq] ?? now));
  delivery.lastDelivery = now;
}

export function summary(delivery: Delivery) {
  const seconds = Math.max(1e-6, (delivery.lastDelivery - delivery.firstSend) / 1000);
  return {
    rate: delivery.delivered / seconds,
    p50: percentile(delivery.latencies, 50),
    p99: percentile(delivery.latencies, 99),
    delivered: delivery.delivered,
  };
}

/** The event a member received, as tRPC sends it (`{ id, data }`). */
export interface SampleEvent {
  readonly id: string;
  readonly data: { readonly message: Record<string, unknown> };
}

/** The baselines send the product's own frame (same bytes, same shape) with the seq's content. */
export function baselineFrame(sample: SampleEvent, seq: number) {
  return {
    id: 1,
    result: {
      type: 'data',
      id: sample.id,
      data: {
        ...sample,
        data: { ...sample.data, message: { ...sample.data.message, content: contentFor(seq) } },
      },
    },
  };
}

/** CPU time of the server per delivered message, µs. */
export const cpuPerDelivery = (result: FanoutResult) =>
  (result.cpu.serverMs * 1000) / Math.max(1, result.delivered);
