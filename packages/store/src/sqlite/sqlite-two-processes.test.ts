import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MAX_PAGE_SIZE } from '@salescoach/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { groupFixture, groupRef } from '../testing/store-fixtures.js';
import { openSqliteStore } from './sqlite-store.js';

/**
 * Several API instances may share one SQLite file on one host (docs/adr/0006). Each append
 * takes the write lock before it reads the conversation's last seq, so writers in different
 * processes never hand out the same seq and never skip one.
 */
const repoRoot = join(import.meta.dirname, '../../../..');
const WRITERS = 4;
const PER_WRITER = 150;

let dir: string | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Resolves with the child's next line of output that equals `word` (rejects if it exits first). */
function said(child: ChildProcess, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line !== word) return;
      lines.close();
      resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`writer exited (${code}) before "${word}": ${errors}`)),
    );
  });
}

describe('SQLite: two processes writing one file', () => {
  it('hand out every seq once, with no gaps', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'salescoach-sqlite-writers-'));
    const file = join(dir, 'salescoach.sqlite');
    const store = openSqliteStore({ file });
    const group = groupFixture('alex');
    await store.groups.create(group);

    const writers = Array.from({ length: WRITERS }, (_, n) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'seq-writer-child.ts'),
          file,
          group.id,
          `w${n}`,
          String(PER_WRITER),
        ],
        { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      children.push(child);
      return child;
    });
    await Promise.all(writers.map((child) => said(child, 'ready')));
    const done = writers.map((child) => said(child, 'done'));
    for (const child of writers) child.stdin?.write('go\n');
    await Promise.all(done);
    await Promise.all(
      writers.map((child) => (child.exitCode === null ? once(child, 'exit') : Promise.resolve())),
    );

    const ref = groupRef(group);
    const seqs: number[] = [];
    const contents = new Set<string>();
    let afterSeq = 0;
    for (;;) {
      const page = await store.messages.list(ref, { afterSeq, limit: MAX_PAGE_SIZE });
      if (page.length === 0) break;
      for (const m of page) {
        seqs.push(m.seq);
        contents.add(m.content);
      }
      afterSeq = page.at(-1)!.seq;
    }
    const total = WRITERS * PER_WRITER;
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(contents.size).toBe(total);
    expect((await store.groups.get(group.id))?.lastSeq).toBe(total);
    await store.close();
  });
});
