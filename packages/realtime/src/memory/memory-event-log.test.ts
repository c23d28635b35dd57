import type { ConversationEvent } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { describeEventLogContract } from '../testing/event-log-contract.js';
import { describeReplayOverlap } from '../testing/replay-overlap-contract.js';
import { createMemoryEventLog } from './memory-event-log.js';

describeEventLogContract('memory', async ({ maxEvents }) => {
  const log = createMemoryEventLog({ maxEvents, maxAgeMs: 60_000 });
  return { log, cleanup: () => log.close() };
});

const delta = (text: string): ConversationEvent => ({
  type: 'answer.delta',
  messageId: 'm-1',
  text,
});

describe('memory event log', () => {
  it('keeps exactly maxEvents per stream', async () => {
    const log = createMemoryEventLog({ maxEvents: 5, maxAgeMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await log.append('s', delta(`e${i}`)));
    const { events, missed } = await log.readAfter('s', ids[0]!);
    expect(missed).toBe(true);
    expect(events.map((e) => e.id)).toEqual(ids.slice(7));
    // The newest evicted id is the last one that still resumes without a gap.
    expect(await log.readAfter('s', ids[6]!)).toMatchObject({ missed: false });
    expect((await log.readAfter('s', ids[5]!)).missed).toBe(true);
    expect(log.stats()).toEqual({ streams: 1, events: 5 });
  });

  it('drops events older than maxAgeMs and reports ids before them as missed', async () => {
    let clock = 1_000_000;
    const log = createMemoryEventLog({ maxEvents: 100, maxAgeMs: 10_000, now: () => clock });
    const old = await log.append('s', delta('old'));
    clock += 6_000;
    const recent = await log.append('s', delta('recent'));
    clock += 6_000;
    const { events, missed } = await log.readAfter('s', old);
    expect(events.map((e) => e.id)).toEqual([recent]);
    expect(missed).toBe(false);
    const before = await log.append('s', delta('newer'));
    clock += 20_000;
    expect(await log.latestId('s')).toBeUndefined();
    expect((await log.readAfter('s', before)).missed).toBe(false);
    expect((await log.readAfter('s', recent)).missed).toBe(true);
  });

  it('does not grow with the number of streams once they are idle and expired', async () => {
    let clock = 0;
    const log = createMemoryEventLog({ maxEvents: 10, maxAgeMs: 1_000, now: () => clock });
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i += 1) ids.push(await log.append(`stream-${i}`, delta('x')));
    const off = log.subscribe('watched', () => undefined);
    expect(log.stats().streams).toBe(1_001);
    clock += 5_000;
    await log.append('fresh', delta('y'));
    expect(log.stats()).toEqual({ streams: 2, events: 1 });
    // A dropped stream still reports its old ids as missed.
    expect((await log.readAfter('stream-3', ids[3]!)).missed).toBe(true);
    off();
    expect(log.stats().streams).toBe(1);
  });

  it('reports an id from another instance (another process) as missed', async () => {
    const a = createMemoryEventLog({ maxEvents: 10, maxAgeMs: 60_000 });
    const b = createMemoryEventLog({ maxEvents: 10, maxAgeMs: 60_000 });
    const idA = await a.append('s', delta('a'));
    await b.append('s', delta('b1'));
    await b.append('s', delta('b2'));
    const result = await b.readAfter('s', idA);
    expect(result.missed).toBe(true);
    expect(result.events.map((e) => (e.event.type === 'answer.delta' ? e.event.text : ''))).toEqual(
      ['b1', 'b2'],
    );
  });

  it('delivers events in append order to every listener even when a listener appends', async () => {
    const log = createMemoryEventLog({ maxEvents: 10, maxAgeMs: 60_000 });
    const first: string[] = [];
    const second: string[] = [];
    const text = (e: { event: ConversationEvent }) =>
      e.event.type === 'answer.delta' ? e.event.text : '';
    log.subscribe('s', (e) => {
      first.push(text(e));
      if (text(e) === 'a') void log.append('s', delta('from-listener'));
    });
    log.subscribe('s', (e) => second.push(text(e)));
    await log.append('s', delta('a'));
    await log.append('s', delta('b'));
    expect(first).toEqual(['a', 'from-listener', 'b']);
    expect(second).toEqual(first);
  });

  it('rejects nonsensical settings', () => {
    expect(() => createMemoryEventLog({ maxEvents: 0, maxAgeMs: 1 })).toThrow(RangeError);
    expect(() => createMemoryEventLog({ maxEvents: 1, maxAgeMs: 0 })).toThrow(RangeError);
  });
});

describeReplayOverlap('memory', async () => {
  const log = createMemoryEventLog({ maxEvents: 100, maxAgeMs: 60_000 });
  return { log, cleanup: () => log.close() };
});
