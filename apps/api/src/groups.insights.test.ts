import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRoom, startTestStack, waitFor, type TestStack } from './testing/index.js';

/**
 * Insights over the API with the dev teams (morgan manages alex and sam, team West):
 * questions asked to the coach in rooms and 1-on-1 sessions are clustered as they are
 * recorded; morgan gets them grouped and ranked, with phrasings only for groups that at
 * least two different people asked (INSIGHTS_MIN_ASKERS default); a rep gets FORBIDDEN.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ crm: false, env: { MAX_CONCURRENT_ANSWERS: '20' } });
});
afterAll(async () => {
  await stack.close();
});

describe('insights.commonQuestions', () => {
  it('groups the team questions asked in rooms and sessions; phrasings once two people asked', async () => {
    const alex = stack.client('alex');
    const sam = stack.client('sam');
    const morgan = stack.client('morgan');
    const room = await openRoom(alex.api, { name: 'Deal desk', role: 'Sales', aiMode: 'mention' }, [
      'dev:sam',
    ]);

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
      [morgan, 'How should my team handle price objections?'], // a manager, not a member
    ];
    for (const [i, [client, content]] of inSessions.entries()) {
      const session = await client.api.chat.sessions.create.mutate({});
      await client.api.chat.send.mutate({
        sessionId: session.id,
        content,
        clientMessageId: `chat-${i}`,
      });
    }
    const expectedQuestions = 6; // 4 in the room, alex's and sam's sessions
    const result = await waitFor(async () => {
      const view = await morgan.api.insights.commonQuestions.query({ days: 7, limit: 10 });
      return view.totalQuestions === expectedQuestions ? view : undefined;
    });
    expect(result.teams).toEqual([{ id: 'west', name: 'West' }]);
    const [first, second, ...rest] = result.groups;
    const all = (g: typeof first) => [g?.label, ...(g?.examples ?? [])].join(' | ').toLowerCase();
    expect([first?.count, second?.count]).toEqual([3, 2]);
    expect(first?.askers).toBe(2);
    expect(all(first)).toContain('pipeline');
    expect(all(first)).not.toMatch(/price|pricing/);
    expect(all(second)).toMatch(/price|pricing/);
    expect(all(second)).not.toContain('pipeline');
    // Asked by one person only: counted, never shown.
    expect(second?.askers).toBe(2);
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ count: 1, askers: 1, label: null, examples: [] });
    expect(first?.roles).toEqual(['Sales']);
    // This period against the previous one: everything is new, so it is all rising.
    expect(result.previousTotal).toBe(0);
    expect(result.rising.map((g) => g.count)).toEqual([3, 2, 1]);
    // Counts and phrasings only: no ids or names of the people who asked.
    const text = JSON.stringify(result);
    for (const person of ['dev:alex', 'dev:sam', 'dev:morgan', 'Alex', 'Sam', 'Morgan'])
      expect(text).not.toContain(person);
    expect(text).not.toContain('@coach');
    expect(text).not.toContain('slipping');
    expect(text).not.toContain('my team handle');

    await expect(alex.api.insights.commonQuestions.query({})).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });
});
