import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from './testing/index.js';

/**
 * Insights over the API: questions asked to the coach in rooms and 1-on-1 sessions are
 * fingerprinted when saved; a manager gets them grouped and ranked, a rep gets FORBIDDEN.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ crm: false });
});
afterAll(async () => {
  await stack.close();
});

describe('insights.commonQuestions', () => {
  it('groups the questions asked in rooms and sessions; managers only', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const morgan = stack.client('morgan');
    const room = await alex.api.groups.create.mutate({
      name: 'Deal desk',
      role: 'Sales',
      aiMode: 'mention',
    });
    await alex.api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:sam' });

    const inRoom: [typeof alex, string][] = [
      [alex, '@coach how is my pipeline looking?'],
      [sam, '@coach, how do I handle price objections?'],
      [sam, '@Coach what does my pipeline look like this quarter?'],
      [alex, 'lunch at noon?'], // not for the coach: not a question for insights
      [alex, '@coach handling a pricing objection from procurement'],
    ];
    for (const [i, [client, content]] of inRoom.entries()) {
      await client.api.groups.send.mutate({
        groupId: room.id,
        content,
        clientMessageId: `room-${i}`,
      });
    }
    const inSessions: [typeof alex, string][] = [
      [alex, 'Show me my pipeline'],
      [sam, 'Which deals are at risk of slipping?'],
      [morgan, 'How should my team handle price objections?'],
    ];
    for (const [i, [client, content]] of inSessions.entries()) {
      const session = await client.api.chat.sessions.create.mutate({});
      await client.api.chat.send.mutate({
        sessionId: session.id,
        content,
        clientMessageId: `chat-${i}`,
      });
    }
    const expectedQuestions = inRoom.length - 1 + inSessions.length;
    await waitFor(async () => {
      const kept = await stack.server.composition.store.questions.recent({ limit: 100 });
      return kept.length >= expectedQuestions ? kept : undefined;
    });

    const result = await morgan.api.insights.commonQuestions.query({ days: 7, limit: 10 });
    expect(result.totalQuestions).toBe(expectedQuestions);
    const [first, second, ...rest] = result.groups;
    const all = (g: typeof first) => [g?.label, ...(g?.examples ?? [])].join(' | ').toLowerCase();
    expect([first?.count, second?.count]).toEqual([3, 3]);
    const pipeline = [first, second].find((g) => all(g).includes('pipeline'));
    const price = [first, second].find(
      (g) => all(g).includes('price') || all(g).includes('pricing'),
    );
    expect(all(pipeline)).not.toMatch(/price|pricing/);
    expect(all(price)).not.toContain('pipeline');
    expect(price?.roles).toEqual(expect.arrayContaining(['Sales', 'Manager']));
    expect(rest.map((g) => [g.count, g.label])).toEqual([
      [1, 'Which deals are at risk of slipping?'],
    ]);
    // Counts and phrasings only: no ids or names of the people who asked.
    const text = JSON.stringify(result);
    for (const person of ['dev:alex', 'dev:sam', 'dev:morgan', 'Alex', 'Sam', 'Morgan'])
      expect(text).not.toContain(person);
    expect(text).not.toContain('@coach');

    await expect(alex.api.insights.commonQuestions.query({})).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });
});
