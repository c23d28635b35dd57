import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { refusalOf, startTestStack, type TestStack, type Refusal } from '../testing/index.js';

/**
 * Per-user and per-socket caps, each set low here: every one refuses the call past its
 * limit with TOO_MANY_REQUESTS (or PAYLOAD_TOO_LARGE) and a message that names the limit,
 * and the calls within it succeed.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({
    crm: false,
    env: {
      MAX_SUBSCRIPTIONS_PER_SOCKET: '3',
      MAX_SOCKETS_PER_USER: '3',
      SESSIONS_CREATED_PER_MINUTE: '3',
      ROOMS_CREATED_PER_MINUTE: '2',
      MEMBERS_ADDED_PER_MINUTE: '2',
      HTTP_MAX_BATCH_SIZE: '4',
    },
  });
});
afterAll(async () => {
  await stack.close();
});

/** A raw socket signed in as `token`; resolves with its first reply once one arrives. */
function rawSocket(token: string) {
  const ws = new WebSocket(`${stack.server.wsUrl}?connectionParams=1`);
  const replies: string[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const reply = new Promise<string>((resolve) =>
    ws.on('message', (data: Buffer) => {
      replies.push(data.toString('utf8'));
      resolve(data.toString('utf8'));
    }),
  );
  const opened = new Promise<void>((resolve) =>
    ws.once('open', () => {
      ws.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      ws.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'me.get', input: null } }));
      resolve();
    }),
  );
  ws.on('error', () => undefined);
  return { ws, opened, reply, closed, replies };
}

describe('per-user and per-socket limits', () => {
  it('MAX_SUBSCRIPTIONS_PER_SOCKET: the fourth subscription on a socket is refused, and a freed slot is reused', async () => {
    const morgan = stack.client('morgan');
    const session = await morgan.api.chat.sessions.create.mutate({});
    const subscribe = () =>
      new Promise<{ stop: () => void; refusal?: Refusal }>((resolve) => {
        const sub = morgan.api.chat.events.subscribe(
          { sessionId: session.id, lastEventId: null },
          {
            onStarted: () => resolve({ stop: () => sub.unsubscribe() }),
            onError: (error) => resolve({ stop: () => undefined, refusal: error as Refusal }),
          },
        );
      });
    const open = [await subscribe(), await subscribe(), await subscribe()];
    expect(open.map((s) => s.refusal)).toEqual([undefined, undefined, undefined]);
    const fourth = await subscribe();
    expect(fourth.refusal?.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(fourth.refusal?.message).toBe('At most 3 subscriptions per connection; stop one first');
    open[0]?.stop();
    // The server frees the slot when the stop arrives; a later subscription gets it.
    const reused = await subscribe();
    expect(reused.refusal).toBeUndefined();
  });

  it('MAX_SOCKETS_PER_USER: a fourth socket for one user is refused and closed; others are not affected', async () => {
    const token = await stack.token('riley');
    const first = [rawSocket(token), rawSocket(token), rawSocket(token)];
    const replies = await Promise.all(first.map((s) => s.reply));
    expect(replies.every((r) => r.includes('"dev:riley"'))).toBe(true);
    const fourth = rawSocket(token);
    const refused = JSON.parse(await fourth.reply) as { error: Refusal };
    expect(refused.error.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.error.message).toBe(
      'At most 3 open connections per user; close another tab or client first',
    );
    await fourth.closed;
    // Another user still connects; and once riley closes one socket, riley can open one.
    expect(await rawSocket(await stack.token('admin')).reply).toContain('"dev:admin"');
    first[0]?.ws.close();
    await first[0]?.closed;
    const again = rawSocket(token);
    expect(await again.reply).toContain('"dev:riley"');
    for (const s of [...first, again]) s.ws.close();
  });

  it('SESSIONS_CREATED_PER_MINUTE: the fourth session in a minute is refused with a retry time', async () => {
    const sam = stack.client('sam');
    for (let i = 0; i < 3; i += 1) await sam.api.chat.sessions.create.mutate({});
    const refusal = await refusalOf(sam.api.chat.sessions.create.mutate({}));
    expect(refusal.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(
      /^You are creating conversations too fast \(limit 3 per minute\); try again in \d+ s$/,
    );
    expect(refusal.data?.retryAfterMs).toBeGreaterThan(0);
    expect(await sam.api.chat.sessions.list.query()).toHaveLength(3);
  });

  it('SESSIONS_CREATED_PER_MINUTE: practices count as sessions; the one past the cap is refused and nothing is created', async () => {
    const admin = stack.client('admin');
    await admin.api.chat.sessions.create.mutate({});
    await admin.api.practice.start.mutate({ scenarioId: 'discovery-realistic' });
    await admin.api.practice.start.mutate({ scenarioId: 'cold-call-easy' });
    const refusal = await refusalOf(
      admin.api.practice.start.mutate({ scenarioId: 'closing-easy' }),
    );
    expect(refusal.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(
      /^You are creating conversations too fast \(limit 3 per minute\); try again in \d+ s$/,
    );
    expect(await admin.api.practice.list.query()).toHaveLength(2);
    // And a chat session after them is refused too: one cap for both.
    const chat = await refusalOf(admin.api.chat.sessions.create.mutate({}));
    expect(chat.data?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('ROOMS_CREATED_PER_MINUTE: the third room in a minute is refused', async () => {
    const riley = stack.client('riley');
    for (const name of ['One', 'Two']) await riley.api.groups.create.mutate({ name, role: 'HR' });
    const refusal = await refusalOf(riley.api.groups.create.mutate({ name: 'Three', role: 'HR' }));
    expect(refusal.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(/^You are creating rooms too fast \(limit 2 per minute\)/);
    expect(await riley.api.groups.list.query()).toHaveLength(2);
  });

  it('MEMBERS_ADDED_PER_MINUTE: per person adding, and per person being added', async () => {
    const alex = stack.client('alex');
    const room = await alex.api.groups.create.mutate({ name: 'Adds', role: 'Sales' });
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:sam' });
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:morgan' });
    const byAlex = await refusalOf(
      alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:riley' }),
    );
    expect(byAlex.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(byAlex.message).toMatch(/^Too many room additions \(limit 2 per minute\)/);

    // Sam has been added once; a second owner adds sam again, a third is refused although
    // that owner has added nobody yet: nobody can pile one person into rooms.
    const morgan = stack.client('morgan');
    const admin = stack.client('admin');
    const second = await morgan.api.groups.create.mutate({ name: 'Second', role: 'Manager' });
    await morgan.api.groups.members.add.mutate({ groupId: second.id, userId: 'dev:sam' });
    const third = await admin.api.groups.create.mutate({ name: 'Third', role: 'Admin' });
    const toSam = await refusalOf(
      admin.api.groups.members.add.mutate({ groupId: third.id, userId: 'dev:sam' }),
    );
    expect(toSam.data?.code).toBe('TOO_MANY_REQUESTS');
    await admin.api.groups.members.add.mutate({ groupId: third.id, userId: 'dev:riley' });
    const sams = await stack.client('sam').api.groups.list.query();
    expect(sams.map((g) => g.name).sort()).toEqual(['Adds', 'Second']);
  });

  it('HTTP_MAX_BATCH_SIZE: a batch over the limit runs none of its calls (PAYLOAD_TOO_LARGE)', async () => {
    const batch = (n: number) =>
      fetch(
        `${stack.server.url}/trpc/${Array.from({ length: n }, () => 'auth.devLogin').join(',')}?batch=1`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { user: 'admin' }])),
          ),
        },
      );
    const over = await batch(5);
    expect(over.status).toBe(413);
    const items = (await over.json()) as { error: Refusal }[];
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect(item.error.data?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(item.error.message).toBe('At most 4 calls in one batch request');
    }
    expect(JSON.stringify(items)).not.toContain('token');
    const within = await batch(4);
    expect(within.status).toBe(200);
  });

  it('serves subscriptions only over the WebSocket (no HTTP event stream to outlive a token)', async () => {
    const token = await stack.token('alex');
    const session = await stack.client('alex').api.chat.sessions.create.mutate({});
    const input = encodeURIComponent(JSON.stringify({ sessionId: session.id }));
    const response = await fetch(`${stack.server.url}/trpc/chat.events?input=${input}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    const text = await response.text();
    expect(text).toContain('Subscriptions are served over the WebSocket only');
    expect(text).not.toContain('message.created');
  });
});
