import { PassThrough } from 'node:stream';

/** Two streams for a CLI under test and what was written to each. */
export function capturedOutput() {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { stdout: '', stderr: '' };
  out.on('data', (c: Buffer) => (text.stdout += c.toString()));
  err.on('data', (c: Buffer) => (text.stderr += c.toString()));
  return { out, err, text };
}
