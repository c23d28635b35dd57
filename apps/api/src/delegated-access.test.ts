import type { ConversationEvent, Message } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInitialize } from '@salescoach/mcp-crm/testing';
import { askAndFollow } from './reliability/answer-probe.js';
import { collectEvents, startTestStack, type TestStack } from './testing/index.js';

/**
 * Delegated access end to end: the API exchanges the asker's token at its own dev token
 * endpoint for one issued for the CRM (auth "obo"); the CRM accepts nothing else.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

const postToCrm = (authorization?: string) => postInitialize(stack.crmUrl!, authorization);

const completedIn = (seen: ReturnType<typeof collectEvents>): Message | undefined =>
  seen.events
    .map((e) => e.event)
    .find(
      (e): e is Extract<ConversationEvent, { type: 'answer.completed' }> =>
        e.type === 'answer.completed',
    )?.message;

async function askInRoom(groupId: string, asker: string, content: string): Promise<Message> {
  const client = stack.client(asker);
  const seen = collectEvents();
  const sub = client.api.groups.events.subscribe(
    { groupId, lastEventId: null },
    { onData: seen.onData, onStarted: seen.onStarted },
  );
  await seen.until((all) => all.some((e) => e.event.type === 'presence'));
  await client.api.groups.send.mutate({ groupId, content, clientMessageId: `ask-${asker}` });
  await seen.until(() => completedIn(seen) !== undefined);
  sub.unsubscribe();
  return completedIn(seen)!;
}

describe('delegated access to the CRM (auth "obo")', () => {
  it("refuses the API's own token and no token, yet the pipeline question works", async () => {
    expect((await postToCrm()).status).toBe(401);
    const own = await postToCrm(`Bearer ${await stack.token('alex')}`);
    expect(own.status).toBe(401);
    expect(own.headers.get('www-authenticate')).toContain('not issued for this server');

    const probe = await askAndFollow(
      stack.client('alex'),
      'How is my pipeline this quarter by stage?',
    );
    const { message: answer } = await probe.ended();
    const crmCalls = answer.toolCalls.filter((c) => c.server === 'crm');
    expect(crmCalls.length).toBeGreaterThan(0);
    expect(crmCalls.every((c) => c.status === 'ok')).toBe(true);
    expect(answer.attachments.tables.length).toBeGreaterThan(0);
    // Tokens never reach the logs.
    const token = await stack.token('alex');
    expect(stack.logLines.some((line) => line.includes(token.split('.')[2]!))).toBe(false);
  });

  it("in a Sales room the room's role offers the CRM tools and the asker's own token decides the data", async () => {
    const alex = stack.client('alex');
    const group = await alex.api.groups.create.mutate({
      name: 'Forecast call',
      role: 'Sales',
      aiMode: 'mention',
    });
    for (const userId of ['dev:morgan', 'dev:riley'])
      await alex.api.groups.members.add.mutate({ groupId: group.id, userId });
    const question = '@coach how is my pipeline this quarter by stage?';

    const byAlex = await askInRoom(group.id, 'alex', question);
    const byMorgan = await askInRoom(group.id, 'morgan', question);
    const byRiley = await askInRoom(group.id, 'riley', question);

    for (const answer of [byAlex, byMorgan]) {
      const calls = answer.toolCalls.filter((c) => c.server === 'crm');
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.status === 'ok')).toBe(true);
    }
    // Alex's own deals and Morgan's team's are different figures for the same question.
    expect(byAlex.attachments.tables[0]).toBeDefined();
    expect(byMorgan.attachments.tables[0]?.rows).not.toEqual(byAlex.attachments.tables[0]?.rows);

    // Riley (HR) is offered the CRM tools by the Sales room, but the CRM shows Riley nothing.
    const rileyCalls = byRiley.toolCalls.filter((c) => c.server === 'crm');
    expect(rileyCalls.length).toBeGreaterThan(0);
    expect(rileyCalls.every((c) => c.status === 'failed')).toBe(true);
    expect(rileyCalls[0]?.error).toMatch(/not a rep or manager in this CRM/);
    expect(byRiley.attachments.tables).toEqual([]);
  });
});
