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

describe('followStream', () => {
  it('replays after lastEventId, then streams live without repeating what the replay held', async () => {
    const log = memoryEventLog();
    const first = await log.append('s', deleted);
    await log.append('s', removed('a'));
    const events = followStream(log, 's', {
      lastEventId: first,
      signal: new AbortController().signal,
    });
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
});
