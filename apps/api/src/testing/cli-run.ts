import { PassThrough } from 'node:stream';
import { runCli } from '@salescoach/client/cli';
import type { TestStack } from './test-stack.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `salescoach` CLI in this process against the stack's API, capturing its output. */
export async function runCliAgainst(stack: TestStack, args: string[]): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await runCli([...args, '--url', stack.server.wsUrl], out, err);
  return { code, stdout, stderr };
}
