import type { SalesCoachClient } from '@salescoach/client';
import { startRedisServer, type RedisServerHandle } from '@salescoach/realtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectEvents,
  openRoom,
  startTestStack,
  waitFor,
  type TestStack,
} from '../testing/index.js';
import { watchForLeaks } from './log-leak-check.js';

/**
 * Redis (BUS=redis, a real redis-server without persistence) is killed and restarted while
 * room members are subscribed and messages keep coming. Members keep their subscriptions
 * and end with every message; if the event log lost their place they are told to reload
 * (sync.reset) and the reload has the rest. Their sockets are also cut during the outage. Nothing acknowledged is lost.
 */
const secrets = watchForLeaks('redisrestart');
let redis: RedisServerHandle;
let stack: TestStack;

beforeAll(async () => {
  redis = await startRedisServer();
  stack = await startTestStack({
    crm: false,
    env: { BUS: 'redis', REDIS_URL: redis.url, SENDS_PER_MINUTE: '1000', LOG_LEVEL: 'info' },
  });
});
afterAll(async () => {
  await stack.close();
  await redis.stop();
  secrets.expectAbsentFrom(stack.logLines);
});

/** What a member's screen holds: messages from live events, plus any history reload a sync.reset asks for. */
function member(client: SalesCoachClient, groupId: string, lastEventId: string | null) {
  const seen = collectEvents();
  const shown = new Map<number, string>();
  let reloads = 0;
  const reload = async () => {
    reloads += 1;
    const page = await client.api.groups.messages.list.query({ groupId, limit: 200 });
    for (const m of page.messages) shown.set(m.seq, m.content);
  };
  const sub = client.api.groups.events.subscribe(
    { groupId, lastEventId },
    {
      onStarted: seen.onStarted,
      onData(item) {
        seen.onData(item);
        const event = seen.events.at(-1)?.event;
        if (event?.type === 'message.created') shown.set(event.message.seq, event.message.content);
        if (event?.type === 'sync.reset') void reload();
      },
    },
  );
  return { seen, shown, sub, reloads: () => reloads };
}

describe('Redis restart', () => {
  it(
    'fault: Redis killed and restarted while members are subscribed → they resume with no loss',
    { timeout: 120_000 },
    async () => {
      const owner = stack.client('alex');
      const group = await openRoom(
        owner.api,
        { name: 'Redis room', role: 'Sales', aiMode: 'mention' },
        ['dev:sam', 'dev:morgan'],
      );
      const { lastEventId } = await owner.api.groups.messages.list.query({ groupId: group.id });
      const members = [owner, stack.client('sam'), stack.client('morgan')].map((c) =>
        member(c, group.id, lastEventId ?? null),
      );
      await Promise.all(members.map((m) => m.seen.started));

      const token = await stack.token('sam');
      secrets.track(token);
      const canary = secrets.canary('content');
      let sent = 0;
      const send = async () => {
        const index = ++sent;
        const response = await fetch(`${stack.server.url}/trpc/groups.send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            groupId: group.id,
            content: `r-${index} ${canary}`,
            clientMessageId: `redis-${index}`,
          }),
        });
        expect(response.status).toBe(200);
      };

      for (let i = 0; i < 10; i++) await send();
      await Promise.all(members.map((m) => waitFor(() => (m.shown.size >= 10 ? true : undefined))));

      await redis.kill();
      await waitFor(() =>
        stack.logLines.some((line) => line.includes('Redis connection failed')) ? true : undefined,
      );
      // Sent while Redis is down: stored first, published once Redis is back.
      const during = Array.from({ length: 10 }, () => send());
      // The members' sockets drop too: they resubscribe while Redis is still down.
      const dropped = new Set(stack.server.sockets());
      for (const socket of dropped) socket.terminate();
      await waitFor(() =>
        [...stack.server.sockets()].filter((s) => !dropped.has(s)).length >= members.length
          ? true
          : undefined,
      );
      await redis.start();
      await Promise.all(during);
      for (let i = 0; i < 10; i++) await send();

      const all = Array.from({ length: 30 }, (_, i) => i + 1);
      for (const m of members) {
        await waitFor(() => (m.shown.size >= 30 ? true : undefined), 60_000);
        expect([...m.shown.keys()].sort((a, b) => a - b)).toEqual(all);
        // Live events never repeat a stored id, and arrive in seq order.
        const ids = m.seen.events.flatMap((e) => (e.id ? [e.id] : []));
        expect(new Set(ids).size).toBe(ids.length);
        const liveSeqs = m.seen.events.flatMap((e) =>
          e.event.type === 'message.created' ? [e.event.message.seq] : [],
        );
        expect(liveSeqs).toEqual([...liveSeqs].sort((a, b) => a - b));
        m.sub.unsubscribe();
      }
      const stored = await owner.api.groups.messages.list.query({ groupId: group.id, limit: 200 });
      expect(stored.messages.map((m) => m.seq)).toEqual(all);
      const health = await fetch(`${stack.server.url}/readyz`);
      expect(health.status).toBe(200);
    },
  );
});
