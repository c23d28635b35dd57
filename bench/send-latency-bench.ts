import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { unwrapEvent, type SalesCoachClient } from '@salescoach/client';
import { startApiProcess } from './api-process.js';
import { percentile, row, type BenchRow } from './bench-row.js';
import { mapLimit, pad, range } from './waiting.js';

export interface SendLatencyOptions {
  readonly users: number;
  readonly rounds: number;
  /** Each round's sends are spread evenly over this window (the burst rounds send all at once). */
  readonly spreadMs: number;
}

interface Samples {
  readonly overhead: number[];
  readonly rtt: number[];
  readonly raw: number[];
}

interface Asker {
  readonly client: SalesCoachClient;
  readonly sessionId: string;
  /** Set for the question in flight: resolves at its first delta and at its completion. */
  pending?: { firstDelta: (at: number) => void; completed: () => void; sawDelta: boolean };
}

const WARM_UP_ROUNDS = 2;
const ROUND_TIMEOUT_MS = 30_000;
const QUESTION = 'How is my pipeline tracking this quarter?';

async function ask(
  asker: Asker,
  id: string,
  delayMs: number,
): Promise<{ rttMs: number; firstDeltaMs: number }> {
  if (delayMs > 0) await sleep(delayMs);
  const pingStart = performance.now();
  await asker.client.api.ping.query();
  const rttMs = performance.now() - pingStart;

  let onDelta: (at: number) => void = () => undefined;
  let onCompleted: () => void = () => undefined;
  const firstDelta = new Promise<number>((resolve) => (onDelta = resolve));
  const completed = new Promise<void>((resolve) => (onCompleted = resolve));
  asker.pending = { firstDelta: onDelta, completed: onCompleted, sawDelta: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('no answer within the round timeout')),
      ROUND_TIMEOUT_MS,
    );
  });
  try {
    const sentAt = performance.now();
    await asker.client.api.chat.send.mutate({
      sessionId: asker.sessionId,
      content: QUESTION,
      clientMessageId: id,
    });
    const deltaAt = await Promise.race([firstDelta, timeout]);
    await Promise.race([completed, timeout]);
    return { rttMs, firstDeltaMs: deltaAt - sentAt };
  } finally {
    clearTimeout(timer);
    asker.pending = undefined;
  }
}

/** 4. Concurrent users asking the offline model (no tools): send → first answer.delta, less a ping round trip. */
export async function runSendLatencyBench(options: SendLatencyOptions): Promise<BenchRow[]> {
  const api = await startApiProcess({ SENDS_PER_MINUTE: '100000' });
  try {
    const askers = await mapLimit(range(options.users), 10, async (i): Promise<Asker> => {
      const client = api.client(await api.user(`latency-${pad(i)}`));
      const session = await client.api.chat.sessions.create.mutate({ title: 'Latency bench' });
      const asker: Asker = { client, sessionId: session.id };
      await new Promise<void>((resolve, reject) => {
        client.api.chat.events.subscribe(
          { sessionId: session.id, lastEventId: null },
          {
            onStarted: () => resolve(),
            onError: reject,
            onData: (raw) => {
              const { event } = unwrapEvent(raw);
              const pending = asker.pending;
              if (!pending) return;
              if (event.type === 'answer.delta' && !pending.sawDelta) {
                pending.sawDelta = true;
                pending.firstDelta(performance.now());
              } else if (event.type === 'answer.completed' || event.type === 'answer.failed') {
                pending.completed();
              }
            },
          },
        );
      });
      return asker;
    });

    const measure = async (spreadMs: number): Promise<Samples> => {
      const samples: Samples = { overhead: [], rtt: [], raw: [] };
      for (const round of range(WARM_UP_ROUNDS + options.rounds)) {
        const results = await Promise.all(
          askers.map((asker, i) =>
            ask(asker, `${spreadMs}-r${round}-u${i}`, (i * spreadMs) / askers.length),
          ),
        );
        if (round < WARM_UP_ROUNDS) continue;
        for (const r of results) {
          samples.rtt.push(r.rttMs);
          samples.raw.push(r.firstDeltaMs);
          samples.overhead.push(Math.max(0, r.firstDeltaMs - r.rttMs));
        }
      }
      return samples;
    };
    const cpu0 = await api.child.cpuMicros();
    const spread = await measure(options.spreadMs);
    const cpuPerAnswerMs =
      ((await api.child.cpuMicros()) - cpu0) /
      1000 /
      (options.users * (WARM_UP_ROUNDS + options.rounds));
    const burst = await measure(0);

    const label = `${options.users} users, ${options.rounds} rounds of one question each, spread over ${options.spreadMs} ms; offline model, no tools`;
    const note = `value: send → first answer.delta minus the same client's ping round trip just before (baseline column); raw send → first delta p50 ${percentile(spread.raw, 50).toFixed(2)} ms, p99 ${percentile(spread.raw, 99).toFixed(2)} ms; API CPU per answer ${cpuPerAnswerMs.toFixed(2)} ms`;
    const p = (samples: Samples, q: number) => percentile(samples.overhead, q);
    return [
      row({
        metric: `send → first delta: server overhead p50 (${label})`,
        value: p(spread, 50),
        baseline: percentile(spread.rtt, 50),
        unit: 'ms',
        goal: 'p50 ≤ 3 ms',
        pass: p(spread, 50) <= 3,
        note,
      }),
      row({
        metric: 'send → first delta: server overhead p99',
        value: p(spread, 99),
        baseline: percentile(spread.rtt, 99),
        unit: 'ms',
        goal: 'p99 ≤ 15 ms',
        pass: p(spread, 99) <= 15,
      }),
      row({
        metric: `send → first delta: server overhead p50, burst (all ${options.users} send at the same instant), vs spread`,
        value: p(burst, 50),
        baseline: p(spread, 50),
        unit: 'ms',
        goal: '—',
        note: `baseline column: the spread case above, same users, same run; answers queue for one event loop: the n-th of a burst waits for n − 1 answers' CPU (≈ ${cpuPerAnswerMs.toFixed(2)} ms each); ping round trip during the burst p50 ${percentile(burst.rtt, 50).toFixed(2)} ms, p99 ${percentile(burst.rtt, 99).toFixed(2)} ms`,
      }),
      row({
        metric: 'send → first delta: server overhead p99, burst, vs spread',
        value: p(burst, 99),
        baseline: p(spread, 99),
        unit: 'ms',
        goal: '—',
      }),
    ];
  } finally {
    await api.close();
  }
}
