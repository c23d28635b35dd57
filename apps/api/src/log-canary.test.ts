import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesCoachClient } from '@salescoach/client';
import { followSession, startTestStack, waitFor, type TestStack } from './testing/index.js';

const CANARY = 'CANARY7f3e9a1b';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await waitFor(() =>
    stack.server.composition.hub.status().some((s) => s.connected) ? true : undefined,
  );
});
afterAll(async () => {
  await stack.close();
});

describe('logs', () => {
  it('never carry message content, tool arguments or tokens', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const seen = await followSession(alex, session.id);
    // The offline model copies account names from the question into the tool's arguments.
    await alex.api.chat.send.mutate({
      sessionId: session.id,
      content: `Search accounts named ${CANARY}`,
      clientMessageId: CANARY,
    });
    await seen.until((all) =>
      all.some((e) => e.event.type === 'answer.completed' || e.event.type === 'answer.failed'),
    );
    seen.stop();

    const forged = createSalesCoachClient({
      url: stack.server.wsUrl,
      token: `${CANARY}.${CANARY}.${CANARY}`,
    });
    await expect(forged.api.me.get.query()).rejects.toBeDefined();
    await forged.close();
    const token = await stack.token('alex');
    await fetch(`${stack.server.url}/trpc/me.get`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(stack.logLines.length).toBeGreaterThan(3);
    const leaks = stack.logLines.filter((line) => line.includes(CANARY) || line.includes(token));
    expect(leaks).toEqual([]);
  });
});
