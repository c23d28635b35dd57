import { textAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startScriptedStack, waitFor, type ScriptedStack } from './testing/index.js';

/**
 * A client that stops reading must not make the server buffer without bound: once its
 * socket's send buffer passes WS_MAX_BUFFERED_BYTES the server closes it (the client would
 * resume from its last event id), and other clients are unaffected.
 */
let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
beforeAll(async () => {
  stack = await startScriptedStack({
    crm: false,
    env: {
      WS_MAX_BUFFERED_BYTES: '262144',
      SENDS_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
    },
  });
  model = stack.model;
  model.setFallback(textAnswer('x'.repeat(90_000), { chunkSize: 4_000 }));
});
afterAll(async () => {
  await stack.close();
});

describe('slow consumers', () => {
  it('closes a socket that stopped reading and keeps serving the others', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const token = await stack.token('alex');

    const stalled = new WebSocket(`${stack.server.wsUrl}?connectionParams=1`);
    await new Promise((resolve) => stalled.once('open', resolve));
    stalled.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    stalled.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'chat.events', input: { sessionId: session.id, lastEventId: null } },
      }),
    );
    await new Promise((resolve) => stalled.once('message', resolve));
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    const socketsBefore = stack.server.sockets().size;

    const drops = async () =>
      (await stack.server.metrics.slowConsumerDrops.get()).values[0]?.value ?? 0;
    for (let i = 0; i < 400 && (await drops()) === 0; i++) {
      const sent = await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: `long answer ${i}`,
        clientMessageId: `slow-${i}`,
      });
      await waitFor(async () => {
        const page = await alex.api.chat.messages.list.query({ sessionId: session.id, limit: 1 });
        const last = page.messages.at(-1);
        return last && last.seq > sent.seq && last.status !== 'streaming' ? true : undefined;
      });
    }
    expect(await drops()).toBeGreaterThanOrEqual(1);
    await waitFor(() => (stack.server.sockets().size < socketsBefore ? true : undefined));
    // The reading client still works.
    const me = await alex.api.me.get.query();
    expect(me.id).toBe('dev:alex');
    stalled.terminate();
  });
});
