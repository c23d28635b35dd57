// `pnpm bench:soak` (not part of `pnpm bench`, not in CI): simulated users in mixed chat and
// group traffic against the API in its own process; zero errors and steady memory expected.
// SOAK_USERS, SOAK_MINUTES, SOAK_WARMUP_SECONDS, SOAK_SAMPLE_SECONDS shorten it for a smoke run.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { unwrapEvent, type SalesCoachClient } from '@salescoach/client';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { repoRoot } from './api-env.js';
import { readBenchOptions, type SoakOptions } from './bench-options.js';
import type { ChildMemory } from './child-ipc.js';
import { machineFacts } from './machine.js';
import { machineLine, writeSection } from './report.js';
import { mapLimit, pad, range } from './waiting.js';

const GROUP_SIZE = 20;
const ANSWER_TIMEOUT_MS = 30_000;
const STEADY_WITHIN = 0.1;
const MB = 1024 * 1024;
/**
 * The event log keeps events for replay by age (default 15 minutes): a soak shorter than that
 * would only watch the log fill. A one-minute window reaches its steady state during the
 * warm-up, so what the samples show is whether anything else grows.
 */
const EVENT_LOG_MAX_AGE_MS = 60_000;

interface Counts {
  chatQuestions: number;
  groupMessages: number;
  coachMentions: number;
  eventsReceived: number;
  errors: number;
  readonly errorKinds: Map<string, number>;
}

interface SimUser {
  readonly client: SalesCoachClient;
  readonly sessionId: string;
  readonly groupId: string;
  answered?: (ok: boolean) => void;
}

/** A small deterministic generator, so every run makes the same choices. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function fail(counts: Counts, error: unknown): void {
  counts.errors += 1;
  const kind = ((error as Error).message ?? String(error)).slice(0, 120);
  counts.errorKinds.set(kind, (counts.errorKinds.get(kind) ?? 0) + 1);
}

function subscribe(
  start: (handlers: {
    onStarted: () => void;
    onError: (e: unknown) => void;
    onData: (raw: unknown) => void;
  }) => void,
  onData: (raw: unknown) => void,
  counts: Counts,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = false;
    start({
      onStarted: () => ((started = true), resolve()),
      onError: (error) =>
        started
          ? fail(counts, error)
          : reject(error instanceof Error ? error : new Error(String(error))),
      onData,
    });
  });
}

async function setUp(api: ApiProcess, options: SoakOptions, counts: Counts): Promise<SimUser[]> {
  const users = await mapLimit(range(options.users), 16, (i) => api.user(`soak-${pad(i)}`));
  const groups: string[] = [];
  for (let first = 0; first < users.length; first += GROUP_SIZE) {
    const owner = api.client(users[first]!);
    const group = await owner.api.groups.create.mutate({
      name: `Soak room ${groups.length + 1}`,
      role: 'Sales',
      aiMode: 'mention',
    });
    for (const member of users.slice(first + 1, first + GROUP_SIZE)) {
      await owner.api.groups.members.add.mutate({
        groupId: group.id,
        userId: member.userId,
      });
    }
    groups.push(group.id);
    await api.closeClients([owner]);
  }
  return mapLimit(users, 20, async (user, i) => {
    const client = api.client(user);
    const session = await client.api.chat.sessions.create.mutate({ title: 'Soak' });
    const sim: SimUser = {
      client,
      sessionId: session.id,
      groupId: groups[Math.floor(i / GROUP_SIZE)]!,
    };
    await subscribe(
      (h) => client.api.chat.events.subscribe({ sessionId: session.id, lastEventId: null }, h),
      (raw) => {
        counts.eventsReceived += 1;
        const { event } = unwrapEvent(raw);
        if (event.type === 'answer.completed') sim.answered?.(true);
        if (event.type === 'answer.failed') sim.answered?.(false);
      },
      counts,
    );
    await subscribe(
      (h) => client.api.groups.events.subscribe({ groupId: sim.groupId, lastEventId: null }, h),
      () => void (counts.eventsReceived += 1),
      counts,
    );
    return sim;
  });
}

/** One user's traffic until the deadline: a pause of 4–10 s, then a chat question, a room message or a question for the room's coach. */
async function simulate(
  sim: SimUser,
  index: number,
  deadline: number,
  counts: Counts,
): Promise<void> {
  const next = random(index + 1);
  let n = 0;
  while (Date.now() < deadline) {
    await sleep(4_000 + next() * 6_000);
    if (Date.now() >= deadline) return;
    n += 1;
    const pick = next();
    const clientMessageId = `soak-${index}-${n}`;
    try {
      if (pick < 0.3) {
        counts.chatQuestions += 1;
        const answered = new Promise<boolean>((resolve) => (sim.answered = resolve));
        await sim.client.api.chat.send.mutate({
          sessionId: sim.sessionId,
          content: `How is my pipeline this quarter? (${n})`,
          clientMessageId,
        });
        const ok = await Promise.race([answered, sleep(ANSWER_TIMEOUT_MS).then(() => undefined)]);
        sim.answered = undefined;
        if (ok !== true)
          fail(counts, new Error(ok === false ? 'answer.failed' : 'no answer in time'));
      } else if (pick < 0.38) {
        counts.coachMentions += 1;
        await sim.client.api.groups.send.mutate({
          groupId: sim.groupId,
          content: `@coach which deals close this month? (${n})`,
          clientMessageId,
        });
      } else {
        counts.groupMessages += 1;
        await sim.client.api.groups.send.mutate({
          groupId: sim.groupId,
          content: `Update from the field, call notes ${n}: customer asked for a revised quote.`,
          clientMessageId,
        });
      }
    } catch (error) {
      fail(counts, error);
    }
  }
}

interface Sample {
  readonly atS: number;
  readonly memory: ChildMemory;
}

function spread(values: readonly number[]): number {
  const min = Math.min(...values);
  return min > 0 ? (Math.max(...values) - min) / min : 0;
}

function report(
  options: SoakOptions,
  counts: Counts,
  samples: readonly Sample[],
  seconds: number,
): { text: string; pass: boolean } {
  const heap = spread(samples.map((s) => s.memory.heapUsed));
  const rss = spread(samples.map((s) => s.memory.rss));
  const pass =
    counts.errors === 0 && samples.length >= 2 && heap <= STEADY_WITHIN && rss <= STEADY_WITHIN;
  const lines = [
    `Soak run ${machineLine(machineFacts())}.`,
    '',
    `${options.users} users (rooms of ${GROUP_SIZE}, one chat session each, offline model), ${(seconds / 60).toFixed(1)} minutes, ` +
      `memory sampled every ${options.sampleEveryMs / 1000} s after a ${options.warmupMs / 1000} s warm-up (forced GC first), ` +
      `event replay window EVENT_LOG_MAX_AGE_MS=${EVENT_LOG_MAX_AGE_MS} so the log is full before sampling starts. ` +
      `Result: **${pass ? 'pass' : 'miss'}**.`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| chat questions (each answered before the next) | ${counts.chatQuestions} |`,
    `| room messages | ${counts.groupMessages} |`,
    `| room questions for @coach | ${counts.coachMentions} |`,
    `| events received by clients | ${counts.eventsReceived} |`,
    `| errors | ${counts.errors} |`,
    `| heap used: spread of samples (goal ≤ 10%) | ${(heap * 100).toFixed(1)}% |`,
    `| RSS: spread of samples (goal ≤ 10%) | ${(rss * 100).toFixed(1)}% |`,
    '',
    '| t (s) | RSS (MB) | heap used (MB) |',
    '| ---: | ---: | ---: |',
    ...samples.map(
      (s) =>
        `| ${s.atS} | ${(s.memory.rss / MB).toFixed(1)} | ${(s.memory.heapUsed / MB).toFixed(1)} |`,
    ),
    ...(counts.errorKinds.size > 0
      ? ['', 'Errors:', ...[...counts.errorKinds].map(([kind, n]) => `- ${n} × ${kind}`)]
      : []),
  ];
  return { text: lines.join('\n'), pass };
}

async function main(): Promise<void> {
  const { soak: options, writeDocs } = readBenchOptions();
  const counts: Counts = {
    chatQuestions: 0,
    groupMessages: 0,
    coachMentions: 0,
    eventsReceived: 0,
    errors: 0,
    errorKinds: new Map(),
  };
  const api = await startApiProcess({ EVENT_LOG_MAX_AGE_MS: String(EVENT_LOG_MAX_AGE_MS) });
  try {
    console.log(`soak: ${options.users} users for ${options.durationMs / 60_000} min`);
    const users = await setUp(api, options, counts);
    const started = performance.now();
    const deadline = Date.now() + options.durationMs;
    const traffic = Promise.all(users.map((u, i) => simulate(u, i, deadline, counts)));
    const samples: Sample[] = [];
    await sleep(Math.min(options.warmupMs, options.durationMs));
    while (Date.now() < deadline) {
      const atS = Math.round((performance.now() - started) / 1000);
      const memory = await api.child.memory();
      samples.push({ atS, memory });
      if (
        options.heapSnapshotDir &&
        (samples.length === 1 || Date.now() + options.sampleEveryMs >= deadline)
      ) {
        await api.child.request(
          'heap-snapshot',
          join(options.heapSnapshotDir, `soak-${atS}s.heapsnapshot`),
          120_000,
        );
      }
      console.log(
        `  t=${atS}s rss=${(memory.rss / MB).toFixed(1)} MB heap=${(memory.heapUsed / MB).toFixed(1)} MB errors=${counts.errors}`,
      );
      await sleep(Math.min(options.sampleEveryMs, Math.max(0, deadline - Date.now())));
    }
    await traffic;
    const seconds = (performance.now() - started) / 1000;
    const { text, pass } = report(options, counts, samples, seconds);
    console.log(`\n${text}\n`);
    if (writeDocs) {
      await writeSection(join(repoRoot, 'docs/benchmarks.md'), 'soak', text);
      console.log('soak figures written to docs/benchmarks.md');
    }
    process.exitCode = pass ? 0 : 1;
  } finally {
    await api.close();
  }
}

await main();
