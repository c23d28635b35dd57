import { randomUUID } from 'node:crypto';
import {
  EPHEMERAL_EVENT_ID,
  type ConversationEvent,
  type EventLog,
  type StoredEvent,
} from '@salescoach/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

export interface EventLogContractSettings {
  /** The log must keep (about) this many events per stream; Redis may keep up to 100 more. */
  readonly maxEvents: number;
}

export interface EventLogUnderTest {
  readonly log: EventLog;
  cleanup(): Promise<void>;
}

/** Trimming by count may be approximate (Redis `MAXLEN ~` removes whole nodes of 100 entries). */
const TRIM_SLACK = 100;
const CONTRACT_MAX_EVENTS = 20;

export const delta = (text: string): ConversationEvent => ({
  type: 'answer.delta',
  messageId: 'm-1',
  text,
});
const typing: ConversationEvent = {
  type: 'typing',
  groupId: 'g-1',
  userId: 'dev:alex',
  name: 'Alex Rivera',
  expiresAt: '2030-01-01T00:00:00.000Z',
};
const textOf = (stored: StoredEvent) =>
  stored.event.type === 'answer.delta' ? stored.event.text : stored.event.type;
const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

export async function appendAll(log: EventLog, stream: string, texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const text of texts) ids.push(await log.append(stream, delta(text)));
  return ids;
}

/**
 * The behaviour every `EventLog` adapter shares. `create` receives the settings the suite
 * relies on; each test gets a fresh log and cleans it up.
 */
export function describeEventLogContract(
  name: string,
  create: (settings: EventLogContractSettings) => Promise<EventLogUnderTest>,
): void {
  describe(`EventLog contract: ${name}`, () => {
    let subject: EventLogUnderTest;
    let log: EventLog;
    let stream: string;
    const extra: EventLogUnderTest[] = [];

    beforeEach(async () => {
      subject = await create({ maxEvents: CONTRACT_MAX_EVENTS });
      log = subject.log;
      stream = `session:${randomUUID()}`;
    });
    afterEach(async () => {
      for (const other of extra.splice(0)) await other.cleanup();
      await subject.cleanup();
    });

    it('assigns distinct ids in append order and replays in that order', async () => {
      const ids = await appendAll(log, stream, ['a', 'b', 'c', 'd']);
      expect(new Set(ids).size).toBe(4);
      const { events, missed } = await log.readAfter(stream, ids[0]!);
      expect(missed).toBe(false);
      expect(events.map((e) => e.id)).toEqual(ids.slice(1));
      expect(events.map(textOf)).toEqual(['b', 'c', 'd']);
      expect(events.every((e) => e.stream === stream)).toBe(true);
      expect(events[0]!.event).toEqual(delta('b'));
    });

    it('reads after an id exclusively, honours the limit, and returns nothing after the newest id', async () => {
      const ids = await appendAll(log, stream, ['a', 'b', 'c', 'd', 'e']);
      expect((await log.readAfter(stream, ids[1]!)).events.map(textOf)).toEqual(['c', 'd', 'e']);
      expect((await log.readAfter(stream, ids[1]!, 2)).events.map(textOf)).toEqual(['c', 'd']);
      expect(await log.readAfter(stream, ids[4]!)).toEqual({ events: [], missed: false });
    });

    it('reports the newest id, or none for an empty stream', async () => {
      expect(await log.latestId(stream)).toBeUndefined();
      const ids = await appendAll(log, stream, ['a', 'b']);
      expect(await log.latestId(stream)).toBe(ids[1]);
    });

    it('reports missed when the id has been evicted', async () => {
      const total = CONTRACT_MAX_EVENTS + TRIM_SLACK * 3;
      const ids = await appendAll(
        log,
        stream,
        Array.from({ length: total }, (_, i) => `e${i}`),
      );
      const { events, missed } = await log.readAfter(stream, ids[0]!);
      expect(missed).toBe(true);
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(CONTRACT_MAX_EVENTS + TRIM_SLACK);
      expect(events.at(-1)!.id).toBe(ids.at(-1));
      // The newest kept ids are still readable without a gap.
      const recent = await log.readAfter(stream, ids.at(-3)!);
      expect(recent.missed).toBe(false);
      expect(recent.events.map((e) => e.id)).toEqual(ids.slice(-2));
    });

    it('reports missed for an id it did not issue', async () => {
      const other = await create({ maxEvents: CONTRACT_MAX_EVENTS });
      extra.push(other);
      const foreignId = await other.log.append(`session:${randomUUID()}`, delta('elsewhere'));
      // Time-based ids (Redis, `<ms>-<seq>`) from another stream can equal this stream's first
      // id when both fall in the same millisecond; the foreign id must be older than what this
      // stream keeps, so wait for the clock to pass its millisecond.
      const foreignMs = Number(foreignId.split('-')[0]);
      if (Number.isFinite(foreignMs))
        await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(foreignMs), { interval: 1 });
      await appendAll(log, stream, ['a', 'b']);
      for (const unknown of [foreignId, 'nonsense', '', '-', '1-2-3', '99999999999999999999-0']) {
        expect((await log.readAfter(stream, unknown)).missed, unknown).toBe(true);
      }
    });

    it('delivers to a subscriber only what is appended after it subscribed, in order', async () => {
      await appendAll(log, stream, ['before']);
      const received: StoredEvent[] = [];
      const unsubscribe = log.subscribe(stream, (e) => received.push(e));
      const ids = await appendAll(log, stream, ['x', 'y', 'z']);
      await until(() => expect(received).toHaveLength(3));
      expect(received.map((e) => e.id)).toEqual(ids);
      expect(received.map(textOf)).toEqual(['x', 'y', 'z']);
      unsubscribe();
    });

    it('keeps delivering to other listeners when one throws', async () => {
      let thrown = 0;
      const received: string[] = [];
      const offBad = log.subscribe(stream, () => {
        thrown += 1;
        throw new Error('listener failure');
      });
      const offGood = log.subscribe(stream, (e) => received.push(textOf(e)));
      await appendAll(log, stream, ['1', '2', '3', '4', '5']);
      await until(() => expect(received).toEqual(['1', '2', '3', '4', '5']));
      expect(thrown).toBe(5);
      offBad();
      offGood();
    });

    it('stops delivery to a listener that unsubscribed', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const offFirst = log.subscribe(stream, (e) => first.push(textOf(e)));
      const offSecond = log.subscribe(stream, (e) => second.push(textOf(e)));
      await appendAll(log, stream, ['a']);
      await until(() => expect(first).toEqual(['a']));
      offFirst();
      offFirst();
      await appendAll(log, stream, ['b', 'end']);
      await until(() => expect(second).toEqual(['a', 'b', 'end']));
      expect(first).toEqual(['a']);
      offSecond();
    });

    it('delivers ephemeral events live with the ephemeral id and never replays them', async () => {
      const [start] = await appendAll(log, stream, ['start']);
      const received: StoredEvent[] = [];
      const off = log.subscribe(stream, (e) => received.push(e));
      await log.latestId(stream);
      await log.publishEphemeral(stream, typing);
      const [after] = await appendAll(log, stream, ['after']);
      await until(() => expect(received.map(textOf)).toContain('after'));
      const ephemeral = received.find((e) => e.event.type === 'typing');
      expect(ephemeral?.id).toBe(EPHEMERAL_EVENT_ID);
      expect(ephemeral?.stream).toBe(stream);
      const replay = await log.readAfter(stream, start!);
      expect(replay.events.map((e) => e.id)).toEqual([after]);
      expect(await log.latestId(stream)).toBe(after);
      off();
    });

    it('keeps streams apart', async () => {
      const otherStream = `group:${randomUUID()}`;
      const received: string[] = [];
      const off = log.subscribe(stream, (e) => received.push(textOf(e)));
      const otherIds = await appendAll(log, otherStream, ['o1', 'o2']);
      await log.publishEphemeral(otherStream, typing);
      const mine = await appendAll(log, stream, ['mine']);
      await until(() => expect(received).toContain('mine'));
      expect(received).toEqual(['mine']);
      expect((await log.readAfter(otherStream, otherIds[0]!)).events.map(textOf)).toEqual(['o2']);
      expect(await log.latestId(stream)).toBe(mine[0]);
      off();
    });

    it('stays bounded by count over 10,000 appends', async () => {
      const total = 10_000;
      const ids: string[] = [];
      for (let batch = 0; batch < total; batch += 500) {
        const appended = await Promise.all(
          Array.from({ length: 500 }, (_, i) => log.append(stream, delta(`e${batch + i}`))),
        );
        ids.push(...appended);
      }
      const { events, missed } = await log.readAfter(stream, ids[0]!);
      expect(missed).toBe(true);
      expect(events.length).toBeLessThanOrEqual(CONTRACT_MAX_EVENTS + TRIM_SLACK);
      expect(events.length).toBeGreaterThanOrEqual(CONTRACT_MAX_EVENTS);
      expect(events.at(-1)!.id).toBe(ids.at(-1));
      expect(textOf(events.at(-1)!)).toBe(`e${total - 1}`);
    });

    it('answers ping while open and refuses work once closed', async () => {
      await expect(log.ping()).resolves.toBeUndefined();
      await log.close();
      await expect(log.ping()).rejects.toThrow();
      await expect(log.append(stream, delta('late'))).rejects.toThrow();
    });
  });
}
