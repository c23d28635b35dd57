import type { SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, startTestStack, type TestStack } from '../testing/index.js';
import { watchForLeaks } from './log-leak-check.js';

/**
 * Delivery under drops: 20 clients follow one group room while the server cuts a random
 * socket every 50 ms (each client loses its socket about once a second) during a paced
 * burst of 1,000 messages. Every client reconnects and resumes by itself and ends with all
 * 1,000 messages, in order, none twice.
 */
const MESSAGES = 1_000;
const CLIENTS = 20;
const USERS = ['alex', 'sam', 'morgan', 'riley', 'admin'] as const;
const secrets = watchForLeaks('drops');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    crm: false,
    env: { SENDS_PER_MINUTE: '100000', LOG_LEVEL: 'info' },
  });
});
afterAll(async () => {
  await stack.close();
  secrets.expectAbsentFrom(stack.logLines);
});

async function sendOverHttp(
  token: string,
  groupId: string,
  index: number,
  canary: string,
): Promise<void> {
  const response = await fetch(`${stack.server.url}/trpc/groups.send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      groupId,
      content: `m-${String(index).padStart(4, '0')} ${canary}`,
      clientMessageId: `burst-${index}`,
    }),
  });
  if (response.status !== 200) throw new Error(`send ${index} failed with ${response.status}`);
}

describe('delivery under drops', () => {
  it(
    `fault: ${CLIENTS} clients in one room, each socket dropped about every second, during a burst of ${MESSAGES} messages → each gets all, in order, none twice`,
    { timeout: 120_000 },
    async () => {
      const owner = stack.client('alex');
      const group = await owner.api.groups.create.mutate({
        name: 'Drop zone',
        role: 'Sales',
        aiMode: 'mention',
      });
      for (const user of USERS.slice(1))
        await owner.api.groups.members.add.mutate({
          groupId: group.id,
          userId: `dev:${user}`,
        });

      // As every client does: load the page, then follow from its lastEventId.
      const { lastEventId } = await owner.api.groups.messages.list.query({ groupId: group.id });
      expect(lastEventId).toBeTruthy();
      const followers = Array.from({ length: CLIENTS }, (_, i) => {
        const client: SalesCoachClient = stack.client(USERS[i % USERS.length] ?? 'alex');
        const seen = collectEvents();
        const sub = client.api.groups.events.subscribe(
          { groupId: group.id, lastEventId },
          { onData: seen.onData, onStarted: seen.onStarted },
        );
        return { seen, sub };
      });
      await Promise.all(followers.map((f) => f.seen.started));

      const token = await stack.token('sam');
      secrets.track(token);
      const canary = secrets.canary('content');
      let drops = 0;
      const dropper = setInterval(() => {
        const sockets = [...stack.server.sockets()];
        const victim = sockets[Math.floor(Math.random() * sockets.length)];
        if (victim) {
          victim.terminate();
          drops += 1;
        }
      }, 50);
      try {
        // About 100 messages a second for ten seconds, five senders at a time, over HTTP.
        for (let at = 0; at < MESSAGES; at += 10) {
          await Promise.all(
            Array.from({ length: 10 }, (_, k) => sendOverHttp(token, group.id, at + k, canary)),
          );
          await new Promise((r) => setTimeout(r, 100));
        }
        const created = (f: (typeof followers)[number]) =>
          f.seen.events.filter((e) => e.event.type === 'message.created').length;
        await Promise.all(followers.map((f) => f.seen.until(() => created(f) >= MESSAGES, 60_000)));
      } finally {
        clearInterval(dropper);
      }
      expect(drops).toBeGreaterThanOrEqual(CLIENTS * 5);

      const expected = Array.from({ length: MESSAGES }, (_, i) => i + 1);
      for (const { seen, sub } of followers) {
        sub.unsubscribe();
        const messages = seen.events.flatMap((e) =>
          e.event.type === 'message.created' ? [{ id: e.id, seq: e.event.message.seq }] : [],
        );
        expect(messages.map((m) => m.seq)).toEqual(expected);
        const ids = messages.map((m) => m.id);
        expect(new Set(ids).size).toBe(MESSAGES);
        expect(seen.events.some((e) => e.event.type === 'sync.reset')).toBe(false);
        // Presence changed all along (every drop and return): live-only events did not move the resume point.
        expect(seen.events.filter((e) => e.event.type === 'presence').length).toBeGreaterThan(10);
      }
      const page = await owner.api.groups.messages.list.query({ groupId: group.id, limit: 1 });
      expect(page.messages[0]?.seq).toBe(MESSAGES);
    },
  );
});
