import { textAnswer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedStack, waitFor, type ScriptedStack } from './testing/index.js';

/**
 * Pinned answers (team FAQ) through the API with the dev teams (morgan manages alex and sam,
 * team West): only a team's manager pins; the team's people read the entries and see them in
 * rooms of the team's role; the coach gets them as grounded sources when it answers one of
 * the team's people in a conversation of that role, and nobody else's answers carry them.
 */
const PINNED = 'Lead with the value case, then offer the 3-year price lock (approved up to 8%).';

let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
beforeAll(async () => {
  stack = await startScriptedStack({ crm: false });
  model = stack.model;
  model.setFallback(textAnswer('Noted.'));
});
afterAll(async () => {
  await stack.close();
});

/** Asks in a new session and resolves with the system messages the model received for it. */
async function systemMessagesFor(user: string, content: string): Promise<string> {
  const api = stack.client(user).api;
  const session = await api.chat.sessions.create.mutate({});
  const before = model.requests.length;
  await api.chat.send.mutate({ sessionId: session.id, content, clientMessageId: `q-${user}` });
  const request = await waitFor(() =>
    model.requests
      .slice(before)
      .find(
        (r) =>
          r.path === '/v1/chat/completions' &&
          JSON.stringify((r.body as { messages: unknown[] }).messages).includes(content),
      ),
  );
  return (request.body as { messages: { role: string; content: string }[] }).messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
}

describe('pinned answers', () => {
  it('only the team’s manager pins; the team reads; the coach is grounded for the team only', async () => {
    const morgan = stack.client('morgan').api.coaching.pins;
    await expect(
      stack.client('alex').api.coaching.pins.create.mutate({
        teamId: 'west',
        question: 'q',
        answer: 'a',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      morgan.create.mutate({ teamId: 'east', question: 'q', answer: 'a' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    const pin = await morgan.create.mutate({
      teamId: 'west',
      question: 'How do I handle price objections?',
      answer: PINNED,
    });
    expect(pin).toMatchObject({ teamId: 'west', pinnedBy: { id: 'dev:morgan' } });
    for (const reader of ['alex', 'sam', 'morgan', 'admin'])
      expect(
        (await stack.client(reader).api.coaching.pins.list.query({ teamId: 'west' })).map(
          (p) => p.answer,
        ),
      ).toEqual([PINNED]);
    await expect(
      stack.client('riley').api.coaching.pins.list.query({ teamId: 'west' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });

    expect(await systemMessagesFor('alex', 'Contoso says we are too expensive')).toContain(PINNED);
    expect(await systemMessagesFor('sam', 'Fabrikam wants a discount')).toContain(PINNED);
    expect(await systemMessagesFor('riley', 'How do I run a one-on-one?')).not.toContain(PINNED);
    expect(await systemMessagesFor('morgan', 'How is the team doing?')).not.toContain(PINNED);
  });

  it('shows the entries in rooms of the team’s role to the team’s people only', async () => {
    const alex = stack.client('alex').api;
    const sales = await alex.groups.create.mutate({
      name: 'West deals',
      role: 'Sales',
      aiMode: 'mention',
    });
    await alex.groups.members.add.mutate({ groupId: sales.id, userId: 'dev:riley' });
    expect(
      (await alex.coaching.pins.forRoom.query({ groupId: sales.id })).map((p) => p.answer),
    ).toEqual([PINNED]);
    // riley is in the room but not on the team: nothing pinned for her.
    expect(
      await stack.client('riley').api.coaching.pins.forRoom.query({ groupId: sales.id }),
    ).toEqual([]);
    // Not a member: the room itself is refused.
    await expect(
      stack.client('sam').api.coaching.pins.forRoom.query({ groupId: sales.id }),
    ).rejects.toMatchObject({ data: { code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) } });
    const hr = await stack
      .client('riley')
      .api.groups.create.mutate({ name: 'People', role: 'HR', aiMode: 'mention' });
    await stack
      .client('riley')
      .api.groups.members.add.mutate({ groupId: hr.id, userId: 'dev:alex' });
    expect(await alex.coaching.pins.forRoom.query({ groupId: hr.id })).toEqual([]);
  });

  it('drafts an answer with the coach for the team’s manager, in a private session of theirs', async () => {
    const DRAFT = 'Acknowledge the concern, restate the value case, then offer the price lock.';
    model.script([textAnswer(DRAFT)]);
    const question = 'What do I say when they ask for a discount?';
    await expect(
      stack.client('alex').api.coaching.pins.draft.mutate({ teamId: 'west', question }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const morgan = stack.client('morgan').api;
    const draft = await morgan.coaching.pins.draft.mutate({ teamId: 'west', question });
    expect(draft).toMatchObject({ answer: DRAFT, status: 'complete' });
    const session = await morgan.chat.sessions.get.query({ sessionId: draft.sessionId });
    expect(session.private).toBe(true);
    const asked = model.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(asked.messages.at(-1)?.content).toContain(question);
  });

  it('lets the manager unpin; the coach then answers without it', async () => {
    const morgan = stack.client('morgan').api.coaching.pins;
    const [pin] = await morgan.list.query({ teamId: 'west' });
    await morgan.remove.mutate({ teamId: 'west', pinId: pin!.id });
    expect(await morgan.list.query({ teamId: 'west' })).toEqual([]);
    expect(await systemMessagesFor('alex', 'Northwind says the price is too high')).not.toContain(
      PINNED,
    );
  });
});
