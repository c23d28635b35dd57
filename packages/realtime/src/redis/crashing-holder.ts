import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface CrashingHolder {
  /** SIGKILL, as in a crash: nothing is cleaned up. */
  crash(): Promise<void>;
}

/** Starts `crashing-holder.fixture.ts` in a child process and waits until it holds what it was asked to. */
export async function startCrashingHolder(
  kind: 'presence' | 'lock',
  url: string,
  keyPrefix: string,
  groupId: string,
): Promise<CrashingHolder> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'crashing-holder.fixture.ts'),
      kind,
      url,
      keyPrefix,
      groupId,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`holder exited (${code}): ${output.slice(-500)}`)),
    );
  });
  return {
    crash: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
