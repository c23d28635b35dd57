import { createSalesCoachClient } from '@salescoach/client';
import type { ConversationEvent } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collectEvents, startTestStack, type TestStack } from '../testing/index.js';
import { devTokenSet, type TokenSet } from './forged-tokens.js';
import { watchForLeaks } from './log-leak-check.js';

/**
 * A subscription never outlives its token. The socket a 3-second token opened is closed at
 * expiry with 4401 and a reason, and nothing reaches it after that instant. The typed
 * client renews its token, reconnects and resumes chat and room subscriptions from their
 * last event id: messages sent while it was cut off arrive, once each, in order. The rule
 * is per socket, so it holds for every subscription a socket carries.
 */
let stack: TestStack;
let tokens: TokenSet;
const secrets = watchForLeaks('identityexpiry');

beforeAll(async () => {
  stack = await startTestStack({ crm: false });
  tokens = await devTokenSet(stack.dataDir);
});
afterAll(async () => {
  await stack.close();
  secrets.expectAbsentFrom(stack.logLines);
});

const expiryOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number })
    .exp * 1000;

interface Frame {
  readonly at: number;
  readonly text: string;
}

/** A raw socket subscribed to a session's events; records every frame with its arrival time. */
function rawSubscriber(token: string, sessionId: string) {
  const frames: Frame[] = [];
  const ws = new WebSocket(`${stack.server.wsUrl}?connectionParams=1`);
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.once('close', (code, reason) =>
      resolve({ code, reason: reason.toString(), at: Date.now() }),
    ),
  );
  const started = new Promise<void>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      frames.push({ at: Date.now(), text });
      if (text.includes('"started"')) resolve();
    });
  });
  ws.once('open', () => {
    ws.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'chat.events', input: { sessionId, lastEventId: null } },
      }),
    );
  });
  ws.on('error', () => undefined);
  return { frames, closed, started };
}

const created = (events: { event: ConversationEvent }[]) =>
  events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message.content] : []));

describe('a socket whose identity expires', () => {
  it(
    'is closed at expiry with a reason, and receives nothing after it',
    { timeout: 30_000 },
    async () => {
      const alex = stack.client('alex');
      const session = await alex.api.chat.sessions.create.mutate({});
      const token = await tokens.shortLived(3);
      secrets.track(token);
      const expiresAt = expiryOf(token);
      const raw = rawSubscriber(token, session.id);
      await raw.started;
      await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: 'Before expiry',
        clientMessageId: 'expiry-before',
      });
      const closed = await raw.closed;
      expect(closed).toMatchObject({
        code: 4401,
        reason: 'Your sign-in expired; reconnect with a fresh token',
      });
      expect(closed.at).toBeGreaterThanOrEqual(expiresAt);
      // The question's events are sent while the socket lives; an answer that runs on past the
      // expiry is never delivered to it.
      await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: 'After expiry',
        clientMessageId: 'expiry-after',
      });
      expect(raw.frames.filter((f) => f.at >= expiresAt)).toEqual([]);
      expect(raw.frames.some((f) => f.text.includes('Before expiry'))).toBe(true);
      expect(raw.frames.some((f) => f.text.includes('After expiry'))).toBe(false);
    },
  );

  it(
    'renews, reconnects and resumes chat and room subscriptions with nothing lost or repeated',
    { timeout: 30_000 },
    async () => {
      const alex = stack.client('alex');
      const sam = stack.client('sam');
      const session = await alex.api.chat.sessions.create.mutate({});
      const room = await alex.api.groups.create.mutate({ name: 'Expiry room', role: 'Sales' });
      await alex.api.groups.members.add.mutate({
        groupId: room.id,
        userId: 'dev:sam',
      });

      // Each (re)connect signs in with a fresh 3-second token. While the socket is cut off
      // at the first expiry (before the renewed token is handed over), both conversations get
      // a message: the resumed subscriptions must replay them.
      const issued: number[] = [];
      let renewedAfterExpiry: () => void = () => undefined;
      const renewed = new Promise<void>((resolve) => (renewedAfterExpiry = resolve));
      const subscriber = createSalesCoachClient({
        url: stack.server.wsUrl,
        token: async () => {
          if (issued.length === 1) {
            expect(Date.now()).toBeGreaterThanOrEqual(issued[0] ?? 0);
            await alex.api.chat.send.mutate({
              sessionId: session.id,
              content: 'chat while cut off',
              clientMessageId: 'expiry-chat-gap',
            });
            await sam.api.groups.send.mutate({
              groupId: room.id,
              content: 'room while cut off',
              clientMessageId: 'expiry-room-gap',
            });
            renewedAfterExpiry();
          }
          const token = await tokens.shortLived(3);
          secrets.track(token);
          issued.push(expiryOf(token));
          return token;
        },
      });
      try {
        const chat = collectEvents();
        const rooms = collectEvents();
        subscriber.api.chat.events.subscribe(
          { sessionId: session.id, lastEventId: null },
          { onData: chat.onData, onStarted: chat.onStarted },
        );
        subscriber.api.groups.events.subscribe(
          { groupId: room.id, lastEventId: null },
          { onData: rooms.onData, onStarted: rooms.onStarted },
        );
        await Promise.all([chat.started, rooms.started]);
        await alex.api.chat.send.mutate({
          sessionId: session.id,
          content: 'chat before expiry',
          clientMessageId: 'expiry-chat-1',
        });
        await sam.api.groups.send.mutate({
          groupId: room.id,
          content: 'room before expiry',
          clientMessageId: 'expiry-room-1',
        });
        await renewed;
        await sam.api.groups.send.mutate({
          groupId: room.id,
          content: 'room after renewal',
          clientMessageId: 'expiry-room-2',
        });
        const answered = (n: number) => (all: { event: ConversationEvent }[]) =>
          all.filter((e) => e.event.type === 'answer.completed').length >= n;
        await chat.until(answered(2));
        await rooms.until((all) => created(all).includes('room after renewal'));

        expect(issued.length).toBeGreaterThanOrEqual(2);
        expect(created(chat.events)).toEqual(['chat before expiry', 'chat while cut off']);
        expect(created(rooms.events)).toEqual([
          'room before expiry',
          'room while cut off',
          'room after renewal',
        ]);
        for (const events of [chat.events, rooms.events]) {
          const ids = events.flatMap((e) => (e.id ? [e.id] : []));
          expect(new Set(ids).size).toBe(ids.length);
        }
      } finally {
        await subscriber.close();
      }
    },
  );
});
