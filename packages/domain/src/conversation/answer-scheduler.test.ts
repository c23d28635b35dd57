import { describe, expect, it } from 'vitest';
import { memoryEventLog } from '../group/testing/room-fakes.js';
import { waitUntil } from '../group/testing/room-harness.js';
import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import { silentLogger } from '../ports/logger.port.js';
import { AnswerRegistry } from './answer-registry.js';
import { AnswerScheduler, type BusyPolicy, type QueuedEntry } from './answer-scheduler.js';
import { AnswerStopBus } from './answer-stop-bus.js';
import { fakeAnswerLock } from '../group/testing/coordination-fakes.js';

const user = (id: string): User => ({
  id,
  tenantId: 'dev',
  name: id,
  email: `${id}@example.com`,
  roles: ['Sales'],
});
let seq = 0;
const question = (id: string, asker: string) => ({
  message: { id, seq: ++seq } as Message,
  asker: user(asker),
  token: undefined,
});

/**
 * Two "instances" (a scheduler each, with its own registry and stop bus) sharing one lock
 * and one event log, as two API processes share Redis; answers wait on gates the test opens.
 */
function twoInstances(policy: BusyPolicy = 'queue') {
  const lock = fakeAnswerLock();
  const log = memoryEventLog();
  const running = new Set<string>();
  let overlap = false;
  const started: string[] = [];
  const ended: { id: string; aborted: boolean }[] = [];
  const gates = new Map<string, () => void>();
  const lists: Record<'a' | 'b', QueuedEntry[][]> = { a: [], b: [] };
  const instance = (name: 'a' | 'b') =>
    new AnswerScheduler({
      answers: new AnswerRegistry(5),
      lock,
      stops: new AnswerStopBus(log),
      policy,
      lockRetryMs: 2,
      maxWaiting: 3,
      logger: silentLogger,
      queueChanged: (_id, queue) => void lists[name].push(queue),
      answer: async (_id, q, signal) => {
        if (running.size > 0) overlap = true;
        running.add(q.message.id);
        started.push(q.message.id);
        await new Promise<void>((resolve) => {
          gates.set(q.message.id, resolve);
          signal.addEventListener('abort', () => resolve());
        });
        running.delete(q.message.id);
        ended.push({ id: q.message.id, aborted: signal.aborted });
      },
    });
  return {
    a: instance('a'),
    b: instance('b'),
    started,
    ended,
    gates,
    lists,
    lock,
    overlap: () => overlap,
  };
}

describe('AnswerScheduler across instances sharing a lock and an event bus', () => {
  it('answers one question at a time; the other instance waits its turn, in order', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    t.b.request('g1', question('q2', 'carol'));
    await waitUntil(() => t.lists.b.length === 1);
    expect(t.lists.b).toEqual([[{ messageId: 'q2', askedBy: 'carol' }]]);
    t.a.request('g1', question('q3', 'sam'));

    t.gates.get('q1')!();
    await waitUntil(() => t.started.length === 2);
    t.gates.get(t.started[1]!)!();
    await waitUntil(() => t.started.length === 3);
    t.gates.get(t.started[2]!)!();
    await waitUntil(() => t.ended.length === 3);
    expect([...t.started].sort()).toEqual(['q1', 'q2', 'q3']);
    expect(t.ended.every((e) => !e.aborted)).toBe(true);
    expect(t.overlap()).toBe(false);
    expect(await t.lock.holder('g1')).toBeUndefined();
  });

  it('the waiting list each instance publishes is every instance’s, in the order asked', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    t.a.request('g1', question('q2', 'sam'));
    await waitUntil(() => t.lists.a.length === 1);
    t.b.request('g1', question('q3', 'carol'));
    await waitUntil(() => t.lists.b.length === 1);
    expect(t.lists.b[0]).toEqual([
      { messageId: 'q2', askedBy: 'sam' },
      { messageId: 'q3', askedBy: 'carol' },
    ]);
    t.a.close();
    t.b.close();
  });

  it('a stop that reaches the other instance stops the answer where it runs', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    await expect(t.b.stop('g1', { userId: 'sam', everything: false })).resolves.toBe('stopped');
    await waitUntil(() => t.ended.length === 1);
    expect(t.ended).toEqual([{ id: 'q1', aborted: true }]);
  });

  it('a stop from the other instance by someone who did not ask is refused and stops nothing', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    await expect(t.b.stop('g1', { userId: 'carol', everything: false })).resolves.toBe(
      'not-allowed',
    );
    t.gates.get('q1')!();
    await waitUntil(() => t.ended.length === 1);
    expect(t.ended).toEqual([{ id: 'q1', aborted: false }]);
  });

  it('an owner’s stop on one instance withdraws what waits on the other', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    t.b.request('g1', question('q2', 'carol'));
    await waitUntil(() => t.lists.b.length === 1);
    await expect(t.a.stop('g1', { userId: 'alex', everything: true })).resolves.toBe('stopped');
    await waitUntil(() => t.b.waiting('g1').length === 0 && t.ended.length === 1);
    expect(t.ended).toEqual([{ id: 'q1', aborted: true }]);
    expect(t.lists.b.at(-1)).toEqual([]);
    // Nothing was left to start: the turn is free.
    await waitUntil(() => t.started.length === 1);
    const release = await t.lock.acquire('g1', { messageId: 'x', askedBy: 'x' });
    expect(release).toBeDefined();
  });

  it('with the refuse policy, a question is refused while the other instance answers', async () => {
    const t = twoInstances('refuse');
    t.a.request('s1', question('q1', 'alex'));
    await waitUntil(() => t.started.length === 1);
    await expect(t.b.assertAccepting('s1')).rejects.toMatchObject({ code: 'CONFLICT' });
    t.gates.get('q1')!();
    await waitUntil(() => t.ended.length === 1);
    await waitUntil(() => t.a.waiting('s1').length === 0);
    await expect(t.b.assertAccepting('s1')).resolves.toBeUndefined();
  });

  it('a waiting question counts against the limit on its instance', async () => {
    const t = twoInstances();
    t.a.request('g1', question('q1', 'sam'));
    await waitUntil(() => t.started.length === 1);
    for (const id of ['q2', 'q3', 'q4']) t.b.request('g1', question(id, 'carol'));
    await waitUntil(() => t.b.waiting('g1').length === 3);
    await expect(t.b.assertAccepting('g1')).rejects.toThrow(/3 questions waiting/);
    t.b.close();
    t.gates.get('q1')!();
    await waitUntil(() => t.ended.length === 1);
    expect(t.started).toEqual(['q1']);
  });
});
