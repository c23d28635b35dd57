import { MESSAGE_CHARS_CEILING } from '@salescoach/config';
import type { ConversationEvent, Message } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  followSession,
  startTestStack,
  waitFor,
  type collectEvents,
  type TestStack,
} from './testing/index.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  // Let the hub discover the CRM tools before the first question.
  await stack.toolsReady();
});
afterAll(async () => {
  await stack.close();
});

const finalOf = (events: ReturnType<typeof collectEvents>['events']) =>
  events
    .map((e) => e.event)
    .find((e): e is { type: 'answer.completed'; message: Message } => e.type === 'answer.completed')
    ?.message;

describe('chat over WebSocket', () => {
  it('persists the question, streams the answer with a CRM tool, a table and a chart', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const page = await alex.api.chat.messages.list.query({ sessionId: session.id });
    const seen = await followSession(alex, session.id, page.lastEventId);
    const sent = await alex.api.chat.send.mutate({
      sessionId: session.id,
      content: 'How is my pipeline this quarter?',
      clientMessageId: 'q-1',
    });
    expect(sent).toMatchObject({ created: true, seq: 1 });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    seen.stop();

    const types = seen.events.map((e) => e.event.type);
    expect(types[0]).toBe('message.created');
    expect(types).toContain('answer.started');
    expect(types).toContain('tool.started');
    expect(types).toContain('tool.finished');
    expect(types.indexOf('answer.delta')).toBeGreaterThan(types.indexOf('answer.started'));
    expect(
      seen.events.every((e) => e.event.type === 'session.updated' || typeof e.id === 'string'),
    ).toBe(true);
    const answer = finalOf(seen.events);
    expect(answer).toMatchObject({ status: 'complete', seq: 2, model: { provider: 'offline' } });
    expect(answer?.toolCalls.some((c) => c.server === 'crm' && c.status === 'ok')).toBe(true);
    expect(answer?.attachments.tables.length).toBeGreaterThan(0);
    expect(answer?.attachments.charts.length).toBeGreaterThan(0);

    const history = await alex.api.chat.messages.list.query({ sessionId: session.id });
    expect(history.messages.map((m) => [m.seq, m.author.kind, m.status])).toEqual([
      [1, 'user', 'complete'],
      [2, 'assistant', 'complete'],
    ]);
    const titled = await waitFor(async () => {
      const s = await alex.api.chat.sessions.get.query({ sessionId: session.id });
      return s.title !== 'New conversation' ? s : undefined;
    });
    expect(titled.title.toLowerCase()).toContain('pipeline');
  });

  it('names a new conversation from its first question and says so live (session.updated)', async () => {
    const sam = stack.client('sam');
    const session = await sam.api.chat.sessions.create.mutate({});
    expect(session.title).toBe('New conversation');
    const seen = await followSession(sam, session.id);
    await sam.api.chat.send.mutate({
      sessionId: session.id,
      content: 'How is my pipeline this quarter?',
      clientMessageId: 'title-1',
    });
    type Updated = Extract<ConversationEvent, { type: 'session.updated' }>;
    const updated = () =>
      seen.events.map((e) => e.event).find((e): e is Updated => e.type === 'session.updated');
    await seen.until(() => updated() !== undefined);
    seen.stop();
    const stored = await sam.api.chat.sessions.get.query({ sessionId: session.id });
    expect(updated()?.session).toMatchObject({ id: session.id, title: stored.title });
    expect(stored.title).not.toBe('New conversation');
    expect(stored.title.toLowerCase()).toContain('pipeline');
  });

  it('an HR user asking the same question runs no CRM tool', async () => {
    const riley = stack.client('riley');
    const session = await riley.api.chat.sessions.create.mutate({});
    const seen = await followSession(riley, session.id);
    await riley.api.chat.send.mutate({
      sessionId: session.id,
      content: 'How is my pipeline this quarter?',
      clientMessageId: 'hr-1',
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    seen.stop();
    const answer = finalOf(seen.events);
    expect(answer?.toolCalls.filter((c) => c.server === 'crm')).toEqual([]);
    expect(
      seen.events.some((e) => e.event.type === 'tool.started' && e.event.call.server === 'crm'),
    ).toBe(false);
  });

  it('is idempotent on clientMessageId: a retried send stores nothing new', async () => {
    const sam = stack.client('sam');
    const session = await sam.api.chat.sessions.create.mutate({});
    const first = await sam.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Which of my deals are at risk?',
      clientMessageId: 'same-id',
    });
    const again = await sam.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Which of my deals are at risk?',
      clientMessageId: 'same-id',
    });
    expect(again).toMatchObject({ created: false, messageId: first.messageId, seq: first.seq });
    const history = await waitFor(async () => {
      const page = await sam.api.chat.messages.list.query({ sessionId: session.id });
      return page.messages.every((m) => m.status !== 'streaming') && page.messages.length >= 2
        ? page
        : undefined;
    });
    expect(history.messages.filter((m) => m.author.kind === 'user')).toHaveLength(1);
  });

  it('resumes after a dropped subscription with nothing missed and nothing repeated', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const page = await alex.api.chat.messages.list.query({ sessionId: session.id });
    const reference = await followSession(alex, session.id, page.lastEventId);
    const first = await followSession(alex, session.id, page.lastEventId);
    await alex.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Show my pipeline by stage for this quarter',
      clientMessageId: 'r-1',
    });
    await first.until((all) => all.some((e) => e.event.type === 'answer.started'));
    first.stop();
    const lastId = [...first.events].reverse().find((e) => e.id)?.id ?? null;
    await reference.until((all) => all.some((e) => e.event.type === 'answer.completed'));

    const second = await followSession(alex, session.id, lastId);
    await second.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    second.stop();
    reference.stop();

    const stored = (events: typeof first.events) => events.filter((e) => e.id).map((e) => e.id);
    const resumed = [...stored(first.events), ...stored(second.events)];
    expect(new Set(resumed).size).toBe(resumed.length);
    expect(resumed).toEqual(stored(reference.events).slice(0, resumed.length));
    expect(resumed.length).toBe(stored(reference.events).length);
  });

  it('keeps streaming to a client whose socket is dropped: it reconnects and resumes by itself', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    const page = await alex.api.chat.messages.list.query({ sessionId: session.id });
    const seen = await followSession(alex, session.id, page.lastEventId);
    await alex.api.chat.send.mutate({
      sessionId: session.id,
      content: 'What is my forecast this quarter?',
      clientMessageId: 'drop-1',
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.started'));
    for (const socket of stack.server.sockets()) socket.terminate();
    await seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    seen.stop();
    const ids = seen.events.filter((e) => e.id).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const text = seen.events
      .flatMap((e) => (e.event.type === 'answer.delta' ? [e.event.text] : []))
      .join('');
    expect(text).toBe(finalOf(seen.events)?.content);
  });

  it('refuses messages over the length limit and empty ones with clear errors', async () => {
    const alex = stack.client('alex');
    const session = await alex.api.chat.sessions.create.mutate({});
    await expect(
      alex.api.chat.send.mutate({
        sessionId: session.id,
        content: 'x'.repeat(stack.settings.MAX_MESSAGE_CHARS + 1),
        clientMessageId: 'long',
      }),
    ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS', domainCode: 'LIMIT_EXCEEDED' } });
    // The limit is published, so clients (the composer) keep to the same number.
    await expect(alex.api.me.get.query()).resolves.toMatchObject({
      limits: { messageChars: stack.settings.MAX_MESSAGE_CHARS },
    });
    // Past the ceiling no configuration allows, the input schema refuses before anything runs.
    await expect(
      alex.api.chat.send.mutate({
        sessionId: session.id,
        content: 'x'.repeat(MESSAGE_CHARS_CEILING + 1),
        clientMessageId: 'huge',
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', domainCode: null } });
    await expect(
      alex.api.chat.send.mutate({
        sessionId: session.id,
        content: '   ',
        clientMessageId: 'empty',
      }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
    await expect(
      alex.api.chat.send.mutate({ sessionId: '../etc', content: 'hi', clientMessageId: 'bad-id' }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', zodError: expect.any(Object) },
    });
  });
});
