import { describe, expect, it } from 'vitest';
import { memoryEventLog } from '../group/testing/room-fakes.js';
import type { ConversationEvent } from '../model/events.js';
import { followStream } from './follow-stream.js';

const removed = (userId: string): ConversationEvent => ({
  type: 'member.removed',
  groupId: 'g',
  userId,
});
const deleted: ConversationEvent = { type: 'message.deleted', messageId: 'm' };

/** A log holding two events, and a follower resuming after the first. */
async function followingAfterFirstOfTwo() {
  const log = memoryEventLog();
  const first = await log.append('s', deleted);
  await log.append('s', removed('a'));
  const events = followStream(log, 's', {
    lastEventId: first,
    signal: new AbortController().signal,
  });
  return { log, events };
}

describe('followStream', () => {
  it('replays after lastEventId, then streams live without repeating what the replay held', async () => {
    const { log, events } = await followingAfterFirstOfTwo();
    await log.append('s', removed('b'));
    // Two reads asked at once are answered in order, as a generator's are.
    const [one, two] = await Promise.all([events.next(), events.next()]);
    expect([one.value?.id, two.value?.id]).toEqual(['2', '3']);
    await events.return(undefined);
  });

  it('delivers the event that ends access as the last item, then ends and closes once', async () => {
    const log = memoryEventLog();
    let closes = 0;
    const events = followStream(log, 's', {
      signal: new AbortController().signal,
      stillAllowed: (event) => !(event.type === 'member.removed' && event.userId === 'me'),
      deliverEnding: true,
    });
    events.onClose(async () => void closes++);
    await log.append('s', removed('someone'));
    await log.append('s', removed('me'));
    await log.append('s', deleted);
    const seen: (string | undefined)[] = [];
    for await (const item of events) seen.push(item.id);
    expect(seen).toEqual(['1', undefined]);
    await events.return(undefined);
    expect(closes).toBe(1);
  });

  it('closes when its reader stops it, before any read, and when the signal aborts', async () => {
    const log = memoryEventLog();
    let closes = 0;
    const unread = followStream(log, 's', { signal: new AbortController().signal });
    unread.onClose(async () => void closes++);
    await unread.return(undefined);
    expect(closes).toBe(1);

    const abort = new AbortController();
    const waiting = followStream(log, 's', { signal: abort.signal });
    waiting.onClose(async () => void closes++);
    const pending = waiting.next();
    abort.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(closes).toBe(2);
    // Nothing is delivered to a closed follower.
    await log.append('s', deleted);
    await expect(waiting.next()).resolves.toEqual({ done: true, value: undefined });
  });

  describe('piped', () => {
    /** A sink that records items and resolves `ended` with the end's error (or undefined). */
    function recordingSink() {
      const ids: (string | undefined)[] = [];
      let markEnded: (error: unknown) => void = () => undefined;
      const ended = new Promise<unknown>((resolve) => (markEnded = resolve));
      let ends = 0;
      const sink = {
        item: (item: { id: string | undefined }) => void ids.push(item.id),
        end: (error?: unknown) => {
          ends += 1;
          markEnded(error);
        },
      };
      return { ids, ended, sink, ends: () => ends };
    }

    it('hands the replay, then live events, to the sink in order and without repeats', async () => {
      const { log, events } = await followingAfterFirstOfTwo();
      // Appended while the replay is read: it must come once, after the replay.
      const during = log.append('s', removed('b'));
      const recorded = recordingSink();
      events.pipe(recorded.sink);
      await during;
      await log.append('s', removed('c'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(recorded.ids).toEqual(['2', '3', '4']);
      await events.return(undefined);
      await expect(recorded.ended).resolves.toBeUndefined();
      expect(recorded.ends()).toBe(1);
    });

    it('ends after the event that ends access, with the close hooks run first', async () => {
      const log = memoryEventLog();
      const order: string[] = [];
      const events = followStream(log, 's', {
        signal: new AbortController().signal,
        stillAllowed: (event) => !(event.type === 'member.removed' && event.userId === 'me'),
        deliverEnding: true,
      });
      events.onClose(async () => void order.push('closed'));
      const recorded = recordingSink();
      events.pipe({ ...recorded.sink, end: (e) => (order.push('ended'), recorded.sink.end(e)) });
      await log.append('s', removed('someone'));
      await log.append('s', removed('me'));
      await log.append('s', deleted);
      await recorded.ended;
      expect(recorded.ids).toEqual(['1', undefined]);
      expect(order).toEqual(['closed', 'ended']);
      expect(() => events.pipe(recorded.sink)).toThrow();
    });

    it('ends when the signal aborts, and nothing reaches the sink after it', async () => {
      const log = memoryEventLog();
      const abort = new AbortController();
      const events = followStream(log, 's', { signal: abort.signal });
      const recorded = recordingSink();
      events.pipe(recorded.sink);
      await log.append('s', deleted);
      abort.abort();
      await recorded.ended;
      await log.append('s', deleted);
      expect(recorded.ids).toEqual(['1']);
      expect(recorded.ends()).toBe(1);
    });
  });
});
