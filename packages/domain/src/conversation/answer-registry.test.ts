import { describe, expect, it } from 'vitest';
import type { RunningAnswers } from '../ports/running-answers.port.js';
import { AnswerRegistry } from './answer-registry.js';

/** Another instance's answers, as the shared tally would report them. */
function sharedTally(elsewhere: number, failing = false) {
  const entries = new Set<string>();
  const shared: RunningAnswers = {
    async count() {
      if (failing) throw new Error('Redis connection closed');
      return elsewhere + entries.size;
    },
    async add(_userId, answerId) {
      entries.add(answerId);
      return async () => void entries.delete(answerId);
    },
  };
  return { shared, entries };
}

describe('AnswerRegistry capacity', () => {
  it('counts answers running on other instances against the cap', async () => {
    const { shared } = sharedTally(1);
    const registry = new AnswerRegistry(1, { shared });
    await expect(registry.assertCapacity('dev:alex')).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: 'You already have 1 answer in progress; wait for one to finish or stop it',
    });
  });

  it('adds a running answer to the shared tally and removes it when the answer ends', async () => {
    const { shared, entries } = sharedTally(0);
    const registry = new AnswerRegistry(2, { shared });
    let finish!: () => void;
    const done = registry.start(
      'session-1',
      'dev:alex',
      () => new Promise<void>((r) => (finish = r)),
    );
    await expect.poll(() => entries.has('session-1')).toBe(true);
    finish();
    await done;
    expect(entries.size).toBe(0);
  });

  it("falls back to this instance's answers when the shared tally cannot be read", async () => {
    const { shared } = sharedTally(5, true);
    const registry = new AnswerRegistry(1, { shared });
    await expect(registry.assertCapacity('dev:alex')).resolves.toBeUndefined();
    let finish!: () => void;
    const done = registry.start(
      'session-1',
      'dev:alex',
      () => new Promise<void>((r) => (finish = r)),
    );
    await expect(registry.assertCapacity('dev:alex')).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    finish();
    await done;
  });
});
