import { askQuestion, type SalesCoachClient } from '@salescoach/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor, type TestStack } from './testing/index.js';

/**
 * "Good answer" / "Bad answer" through the real API: who may rate what, one verdict per
 * person and answer, and the managers' counts per topic (their own team, never private
 * sessions, never who or why). Dev teams file: morgan manages West (alex, sam).
 */
let stack: TestStack;
const clients = new Map<string, SalesCoachClient>();
const client = (user: string) =>
  clients.get(user) ?? clients.set(user, stack.client(user)).get(user)!;

const QUESTION = 'How do I handle a pricing objection from procurement?';

beforeAll(async () => {
  stack = await startTestStack({ crm: false, env: { INSIGHTS_MIN_ASKERS: '2' } });
});
afterAll(async () => {
  await stack?.close();
});

describe('answer feedback', () => {
  it('the owner rates a coach answer, changes the verdict, and takes it back', async () => {
    const api = client('alex').api;
    const { sessionId, answer } = await askQuestion(client('alex'), { question: 'Hello coach' });
    const conversation = { kind: 'session' as const, sessionId };
    await expect(
      api.feedback.set.mutate({
        conversation,
        messageId: answer.id,
        rating: 'good',
        reason: ' Clear ',
      }),
    ).resolves.toEqual({ feedback: { messageId: answer.id, rating: 'good', reason: 'Clear' } });
    await api.feedback.set.mutate({ conversation, messageId: answer.id, rating: 'bad' });
    await expect(api.feedback.mine.query({ conversation })).resolves.toEqual([
      { messageId: answer.id, rating: 'bad' },
    ]);
    await expect(
      api.feedback.set.mutate({ conversation, messageId: answer.id, rating: null }),
    ).resolves.toEqual({ feedback: null });
    await expect(api.feedback.mine.query({ conversation })).resolves.toEqual([]);
  });

  it('refuses another user’s session, a non-member’s room, unknown and user messages', async () => {
    const { sessionId, answer } = await askQuestion(client('alex'), { question: 'Hi there' });
    const conversation = { kind: 'session' as const, sessionId };
    const rate = (user: string, messageId: string, target: object = conversation) =>
      client(user).api.feedback.set.mutate({
        conversation: target as typeof conversation,
        messageId,
        rating: 'good',
      });
    await expect(rate('sam', answer.id)).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(client('sam').api.feedback.mine.query({ conversation })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    await expect(rate('alex', 'no-such-message')).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const page = await client('alex').api.chat.messages.list.query({ sessionId });
    const mine = page.messages.find((m) => m.author.kind === 'user')!;
    await expect(rate('alex', mine.id)).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const room = await client('alex').api.groups.create.mutate({
      name: 'Feedback room',
      role: 'Sales',
      aiMode: 'always',
    });
    await client('alex').api.groups.members.add.mutate({ groupId: room.id, userId: 'dev:sam' });
    await client('alex').api.groups.send.mutate({
      groupId: room.id,
      content: 'Any tips for a first call?',
      clientMessageId: 'room-q1',
    });
    const coach = await waitFor(async () => {
      const { messages } = await client('alex').api.groups.messages.list.query({
        groupId: room.id,
      });
      return messages.find((m) => m.author.kind === 'assistant' && m.status === 'complete');
    });
    const inRoom = { kind: 'group' as const, groupId: room.id };
    await expect(rate('sam', coach.id, inRoom)).resolves.toMatchObject({
      feedback: { rating: 'good' },
    });
    await expect(rate('riley', coach.id, inRoom)).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    // Each member's verdict is their own.
    await expect(client('alex').api.feedback.mine.query({ conversation: inRoom })).resolves.toEqual(
      [],
    );
  });

  it('counts per topic for the team’s manager only, without private sessions, names or reasons', async () => {
    const rated = async (user: string, rating: 'good' | 'bad', isPrivate = false) => {
      const api = client(user).api;
      const session = await api.chat.sessions.create.mutate({});
      if (isPrivate)
        await api.chat.sessions.setPrivate.mutate({ sessionId: session.id, private: true });
      const { answer } = await askQuestion(client(user), {
        question: QUESTION,
        sessionId: session.id,
      });
      await api.feedback.set.mutate({
        conversation: { kind: 'session', sessionId: session.id },
        messageId: answer.id,
        rating,
        reason: `secret-reason-${user}`,
      });
      return session.id;
    };
    await rated('alex', 'good');
    await rated('sam', 'bad');
    await rated('alex', 'bad', true);
    const later = await rated('sam', 'good');
    // Made private after rating: no longer counted.
    await client('sam').api.chat.sessions.setPrivate.mutate({ sessionId: later, private: true });

    const topic = await waitFor(async () => {
      const view = await client('morgan').api.feedback.byTopic.query({ days: 7 });
      return view.topics.find((t) => t.label === QUESTION);
    });
    expect(topic).toMatchObject({ label: QUESTION, good: 1, bad: 1 });
    const text = JSON.stringify(await client('morgan').api.feedback.byTopic.query({}));
    expect(text).not.toContain('secret-reason');
    expect(text).not.toContain('dev:');
    for (const user of ['alex', 'riley'])
      await expect(client(user).api.feedback.byTopic.query({})).rejects.toMatchObject({
        data: { code: 'FORBIDDEN' },
      });
    await expect(
      client('morgan').api.feedback.byTopic.query({ teamId: 'elsewhere' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});
