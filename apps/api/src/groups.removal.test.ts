import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SalesCoachClient } from '@salescoach/client';
import { startCrmServer, type RunningCrmServer } from '@salescoach/mcp-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, startTestStack, trustApiIssuer, type TestStack } from './testing/index.js';

/**
 * A member removed while the coach is answering: the CRM server answers its tools slowly,
 * so the removal lands between `answer.started` and `answer.completed`.
 */
let crm: RunningCrmServer;
let dir: string;
let stack: TestStack;
let alex: SalesCoachClient;
let sam: SalesCoachClient;
let morgan: SalesCoachClient;

beforeAll(async () => {
  const issuer = trustApiIssuer();
  crm = await startCrmServer({ port: 0, host: '127.0.0.1', delayMs: 1_500, auth: issuer.auth });
  dir = await mkdtemp(join(tmpdir(), 'salescoach-slow-crm-'));
  const serversFile = join(dir, 'mcpservers.json');
  await writeFile(
    serversFile,
    JSON.stringify({
      servers: [
        {
          name: 'crm',
          description: 'Sales CRM: accounts, opportunities, pipeline, forecast, deal risks',
          transport: 'streamable-http',
          url: crm.url,
          roles: ['Sales', 'Manager'],
          auth: 'obo',
          timeoutMs: 10_000,
        },
      ],
    }),
  );
  stack = await startTestStack({ crm: false, env: { MCP_SERVERS_FILE: serversFile } });
  issuer.trust(stack.server.url);
  alex = stack.client('alex');
  sam = stack.client('sam');
  morgan = stack.client('morgan');
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
  await crm.close();
  await rm(dir, { recursive: true, force: true });
});

describe('removing a member mid-answer', () => {
  it('ends their subscription at the removal; the others keep receiving the answer', async () => {
    const group = await alex.api.groups.create.mutate({
      name: 'War room',
      role: 'Sales',
      aiMode: 'mention',
    });
    const groupId = group.id;
    await alex.api.groups.members.add.mutate({ groupId, userId: 'dev:sam' });
    await alex.api.groups.members.add.mutate({ groupId, userId: 'dev:morgan' });

    const alexSeen = collectEvents();
    const samSeen = collectEvents();
    let samEnded: () => void = () => undefined;
    const samDone = new Promise<void>((resolve) => (samEnded = resolve));
    const alexSub = alex.api.groups.events.subscribe(
      { groupId, lastEventId: null },
      { onData: alexSeen.onData },
    );
    sam.api.groups.events.subscribe(
      { groupId, lastEventId: null },
      { onData: samSeen.onData, onStopped: () => samEnded(), onComplete: () => samEnded() },
    );
    await alexSeen.until((all) =>
      all.some((e) => e.event.type === 'presence' && e.event.online.length === 2),
    );

    await morgan.api.groups.send.mutate({
      groupId,
      content: '@coach which of my deals are at risk?',
      clientMessageId: 'risk',
    });
    await samSeen.until((all) => all.some((e) => e.event.type === 'tool.started'));
    await alex.api.groups.members.remove.mutate({ groupId, userId: 'dev:sam' });
    await samDone;
    await alex.api.groups.send.mutate({
      groupId,
      content: 'now that Sam has gone',
      clientMessageId: 'after',
    });
    await alexSeen.until(
      (all) =>
        all.some((e) => e.event.type === 'answer.completed') &&
        all.some(
          (e) =>
            e.event.type === 'message.created' &&
            e.event.message.content === 'now that Sam has gone',
        ),
    );
    alexSub.unsubscribe();

    const alexTypes = alexSeen.events.map((e) => e.event.type);
    const removedAt = alexTypes.indexOf('member.removed');
    // The removal came in the middle of the answer.
    expect(removedAt).toBeGreaterThan(alexTypes.indexOf('answer.started'));
    expect(removedAt).toBeLessThan(alexTypes.indexOf('answer.completed'));
    // Sam saw exactly the room's stored events up to the removal, then the removal, then nothing.
    const storedIds = (events: typeof alexSeen.events) =>
      events.flatMap((e) => (e.id ? [e.id] : []));
    expect(storedIds(samSeen.events)).toEqual(storedIds(alexSeen.events.slice(0, removedAt)));
    expect(samSeen.events.at(-1)?.event).toEqual({
      type: 'member.removed',
      groupId,
      userId: 'dev:sam',
    });
    expect(
      samSeen.events.some(
        (e) => e.event.type === 'answer.completed' || e.event.type === 'tool.finished',
      ),
    ).toBe(false);
    // The others got the whole answer, with its CRM tool.
    const completed = alexSeen.events
      .map((e) => e.event)
      .find((e) => e.type === 'answer.completed');
    expect(
      completed?.type === 'answer.completed' &&
        completed.message.toolCalls.some((c) => c.server === 'crm' && c.status === 'ok'),
    ).toBe(true);
    // And Sam can neither read nor resubscribe.
    await expect(sam.api.groups.messages.list.query({ groupId })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    const lastSeen = storedIds(samSeen.events).at(-1) ?? null;
    const refused = await new Promise<unknown>((resolve) => {
      sam.api.groups.events.subscribe(
        { groupId, lastEventId: lastSeen },
        { onData: () => resolve('data'), onError: (error) => resolve(error) },
      );
    });
    expect(refused).toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});
