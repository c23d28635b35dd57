import { randomUUID } from 'node:crypto';
import { followStream, type FollowedEvent } from '@salescoach/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAll, type EventLogUnderTest } from './event-log-contract.js';
import { holdReplay, type HoldPoint } from './held-replay-log.js';

type FollowStream = ReturnType<typeof followStream>;
const textOf = (item: FollowedEvent) => (item.event.type === 'answer.delta' ? item.event.text : '');

/** The follower's next item, or a failure after 10 s (an event that never comes). */
function nextOf(follower: FollowStream): Promise<FollowedEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no next event within 10 s')), 10_000);
    follower.next().then(
      (result) => {
        clearTimeout(timer);
        if (result.done) reject(new Error('the stream ended'));
        else resolve(result.value);
      },
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}

/**
 * A resuming follower listens first, then replays, then streams live. Events appended while
 * its replay is held open, whether the replay has read them or not, reach it once, in order.
 */
export function describeReplayOverlap(
  name: string,
  create: () => Promise<EventLogUnderTest>,
): void {
  describe(`replay and live overlap on resume: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    const cases: [HoldPoint, string][] = [
      ['before-read', 'events appended before the replay reads are in the replay and live: once'],
      ['after-read', 'events appended after the replay read are only live: still delivered'],
    ];
    for (const [point, title] of cases) {
      it(title, async () => {
        const subject = await create();
        const controller = new AbortController();
        cleanups.push(() => subject.cleanup());
        const stream = `session:${randomUUID()}`;
        const before = await appendAll(subject.log, stream, ['a', 'b', 'c']);
        const held = holdReplay(subject.log, point);
        const follower = followStream(held.log, stream, {
          lastEventId: before[0]!,
          signal: controller.signal,
        });
        cleanups.push(async () => {
          controller.abort();
          await follower.return(undefined);
        });
        const first = nextOf(follower);
        await held.entered;
        const during = await appendAll(subject.log, stream, ['d', 'e']);
        await held.liveDelivered(2);
        held.release();

        const items = [await first];
        for (let i = 0; i < 3; i += 1) items.push(await nextOf(follower));
        // Live after the overlap, with nothing repeated in between.
        const after = await appendAll(subject.log, stream, ['f']);
        items.push(await nextOf(follower));
        expect(items.map(textOf)).toEqual(['b', 'c', 'd', 'e', 'f']);
        expect(items.map((item) => item.id)).toEqual([...before.slice(1), ...during, ...after]);
      });
    }
  });
}
