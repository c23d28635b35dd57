import { describe, expect, it } from 'vitest';
import { AnswerRegistry } from '../conversation/answer-registry.js';
import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import { silentLogger } from '../ports/logger.port.js';
import { MemoryRoomAnswerLock } from './memory-room-answer-lock.js';
import { RoomAnswerQueue, type QueuedEntry, type RoomQuestion } from './room-answer-queue.js';
import { waitUntil } from './testing/room-harness.js';

const user = (id: string): User => ({
  id,
  tenantId: 'dev',
  name: id,
  email: `${id}@example.com`,
  roles: ['Sales'],
});
const question = (id: string, asker: string): RoomQuestion => ({
  message: { id } as Message,
  asker: user(asker),
  token: undefined,
});

/** Two "instances" (a queue each, with its own registry) sharing one lock, answering through gates the test opens. */
function twoInstances() {
  const lock = new MemoryRoomAnswerLock();
  const running = new Set<string>();
  let overlap = false;
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const lists: Record<'a' | 'b', QueuedEntry[][]> = { a: [], b: [] };
  const instance = (name: 'a' | 'b') =>
    new RoomAnswerQueue({
      answers: new AnswerRegistry(5),
      lock,
      lockRetryMs: 2,
      maxWaiting: 3,
      logger: silentLogger,
      queueChanged: (_groupId, queue) => void lists[name].push(queue),
      answer: async (_groupId, q, signal) => {
        if (running.size > 0) overlap = true;
        running.add(q.message.id);
        started.push(q.message.id);
        await new Promise<void>((resolve) => {
          gates.set(q.message.id, resolve);
          signal.addEventListener('abort', () => resolve());
        });
        running.delete(q.message.id);
      },
    });
  return {
    a: instance('a'),
    b: instance('b'),
    started,
    gates,
    lists,
    lock,
    overlap: () => overlap,
  };
}

describe('RoomAnswerQueue across instances sharing a lock', () => {
  it('answers one question at a time in the room; the other instance shows its question waiting, then answers it', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    t.b.request('g1', question('q2', 'carol'));
    await waitUntil(() => t.lists.b.length === 1);
    expect(t.lists.b).toEqual([[{ messageId: 'q2', askedBy: 'carol' }]]);
    expect(t.b.waiting('g1')).toEqual([{ messageId: 'q2', askedBy: 'carol' }]);
    t.a.request('g1', question('q3', 'sam'));
    // B keeps asking while A answers; nothing else starts.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.started).toEqual(['q1']);

    t.gates.get('q1')!();
    await waitUntil(() => t.started.length === 2);
    t.gates.get(t.started[1]!)!();
    await waitUntil(() => t.started.length === 3);
    t.gates.get(t.started[2]!)!();
    await waitUntil(() => t.b.waiting('g1').length === 0 && t.a.waiting('g1').length === 0);
    expect([...t.started].sort()).toEqual(['q1', 'q2', 'q3']);
    expect(t.overlap()).toBe(false);
    expect(t.lists.b.at(-1)).toEqual([]);
  });

  it('a question waiting for the lock can be stopped by its asker, and never starts', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    t.b.request('g1', question('q2', 'carol'));
    await waitUntil(() => t.lists.b.length === 1);
    expect(t.b.stop('g1', { userId: 'carol', isOwner: false })).toBe('stopped');
    expect(t.lists.b.at(-1)).toEqual([]);
    t.gates.get('q1')!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.started).toEqual(['q1']);
    // The lock is free again for the room.
    const release = await t.lock.acquire('g1');
    expect(release).toBeDefined();
    await release!();
  });

  it('a waiting question counts against the room limit on its instance', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    for (const id of ['q2', 'q3', 'q4']) t.b.request('g1', question(id, 'carol'));
    await waitUntil(() => t.b.waiting('g1').length === 3);
    expect(() => t.b.assertAccepting('g1')).toThrow(/3 questions waiting/);
    t.b.close();
    t.gates.get('q1')!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.started).toEqual(['q1']);
  });
});
