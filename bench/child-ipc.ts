import { fork, type ChildProcess } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Memory of a child process after forced garbage collection. */
export interface ChildMemory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

interface Request {
  readonly id: number;
  readonly type: string;
  readonly payload?: unknown;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

/** A benchmark server in its own process (so its memory and CPU are its own), driven over IPC. */
export interface BenchChild {
  readonly pid: number;
  request<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  memory(): Promise<ChildMemory>;
  /** The child's CPU time so far (user + system, µs). */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

/** Forks `script` (TypeScript, run through tsx, with --expose-gc) and waits for its `start` reply. */
export async function forkBenchChild<Ready>(
  script: string,
  start: unknown,
  timeoutMs = 60_000,
): Promise<{ child: BenchChild; ready: Ready }> {
  const proc: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=2048'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let exited = false;
  proc.on('message', (message: Reply) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.error ?? 'child request failed'));
  });
  proc.on('exit', (code) => {
    exited = true;
    for (const entry of waiting.values())
      entry.reject(new Error(`bench child ${script} exited (code ${code})`));
    waiting.clear();
  });

  const request = <T>(type: string, payload?: unknown, ms = 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error(`bench child ${script} is not running`));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`bench child ${script}: ${type} timed out after ${ms} ms`));
      }, ms);
      waiting.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      proc.send({ id, type, payload } satisfies Request);
    });

  const child: BenchChild = {
    pid: proc.pid ?? -1,
    request,
    memory: () => request<ChildMemory>('memory'),
    cpuMicros: async () => {
      const usage = await request<NodeJS.CpuUsage>('cpu');
      return usage.user + usage.system;
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      await request('close', undefined, 30_000).catch(() => undefined);
      const killed = await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) {
        proc.kill('SIGKILL');
        await gone;
      }
    },
  };
  try {
    const ready = await request<Ready>('start', start, timeoutMs);
    return { child, ready };
  } catch (error) {
    proc.kill('SIGKILL');
    throw error;
  }
}

type Handler = (payload: unknown) => unknown;

/** Child side: answers the parent's requests with the given handlers (plus `memory`). */
export function serveParent(handlers: Record<string, Handler>): void {
  const all: Record<string, Handler> = {
    memory: () => measureMemory(),
    cpu: () => process.cpuUsage(),
    'profile-start': () => startProfile(),
    'profile-stop': (file) => stopProfile(file as string),
    'heap-snapshot': (file) => writeHeapSnapshot(file as string),
    ...handlers,
  };
  // A parent that went away (finished, crashed or was stopped) takes its servers with it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Request) => {
    const handler = all[message.type];
    const send = (reply: Reply) => process.send?.(reply);
    if (!handler) {
      send({ id: message.id, ok: false, error: `unknown request ${message.type}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (value) => send({ id: message.id, ok: true, value }),
        (error: unknown) => send({ id: message.id, ok: false, error: (error as Error).message }),
      );
  });
}

type Collect = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Full GC a few times (letting finalizers run in between), then one memory-reducing
 * collection (V8's last-resort flavour: it also hands back the pages V8 keeps pooled after
 * a burst of garbage, which `process.memoryUsage().rss` would otherwise count), then
 * process.memoryUsage(). Every server in the benchmarks is measured this same way.
 */
export async function measureMemory(): Promise<ChildMemory> {
  const collect = (globalThis as { gc?: Collect }).gc;
  for (let i = 0; i < 4; i += 1) {
    collect?.();
    await sleep(50);
  }
  collect?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  await sleep(50);
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}

let profiler: Session | undefined;

async function startProfile(): Promise<boolean> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
  return true;
}

/** Writes the CPU profile taken since `profile-start` (a .cpuprofile file for Chrome DevTools). */
async function stopProfile(file: string): Promise<boolean> {
  if (!profiler) return false;
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  await writeFile(file, JSON.stringify(profile));
  return true;
}
