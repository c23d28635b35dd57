import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const appDir = join(import.meta.dirname, '../..');

export interface ApiProcess {
  readonly pid: number;
  /** Every line the process wrote (stdout: JSON log lines; stderr too). */
  readonly lines: string[];
  /** Sends a signal and resolves when the process has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** A port that was free a moment ago (the API must come back on the same one). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Runs the API as its own process, exactly as deployed (`node --import tsx src/main.ts`),
 * with only the given environment. Resolves once it logs that it is listening.
 */
export async function startApiProcess(
  env: Record<string, string>,
  lines: string[] = [],
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (lines.some((line) => line.includes('"api listening"'))) {
        clearInterval(timer);
        resolve();
      }
    }, 25);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the API process exited before listening:\n${lines.slice(-20).join('\n')}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the API process has no pid');
  return {
    pid,
    lines,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
