import { describe, expect, it } from 'vitest';
import { MemoryAnswerLock } from './memory-answer-lock.js';

const holder = { messageId: 'm1', askedBy: 'u1' };
const question = (id: string, seq: number) => ({ messageId: id, seq, askedBy: 'u1' });

describe('MemoryAnswerLock', () => {
  it('one turn per conversation; a release is idempotent and frees the turn', async () => {
    const lock = new MemoryAnswerLock();
    const release = await lock.acquire('g1', holder);
    expect(release).toBeDefined();
    expect(await lock.acquire('g1', { messageId: 'm2', askedBy: 'u2' })).toBeUndefined();
    expect(await lock.acquire('g2', holder)).toBeDefined();
    expect(await lock.holder('g1')).toEqual(holder);
    await release!();
    await release!();
    expect(await lock.holder('g1')).toBeUndefined();
    expect(await lock.acquire('g1', { messageId: 'm2', askedBy: 'u2' })).toBeDefined();
  });

  it('merges the questions each instance has waiting, in seq order, until they are withdrawn', async () => {
    const lock = new MemoryAnswerLock();
    await lock.share('g1', 'a', [question('q3', 3)]);
    expect(await lock.share('g1', 'b', [question('q1', 1), question('q4', 4)])).toEqual([
      question('q1', 1),
      question('q3', 3),
      question('q4', 4),
    ]);
    expect(await lock.share('g2', 'a', [])).toEqual([]);
    expect(await lock.share('g1', 'b', [])).toEqual([question('q3', 3)]);
  });
});
