import { messageTree, type Message } from '@salescoach/domain';
import {
  textAnswer,
  type RecordedRequest,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conversationOf,
  followSession,
  messagesOf,
  startScriptedStack,
  waitFor,
  type ScriptedStack,
} from './testing/index.js';

/**
 * Edit and regenerate in 1-on-1 chat through the real server: every version is stored, the
 * earlier one stays as a sibling, and the model receives only the branch being answered.
 */
const isCoachRequest = (r: RecordedRequest) =>
  r.path === '/v1/chat/completions' && (messagesOf(r)[0]?.content ?? '').includes('SalesCoach');
const lastUser = (r: RecordedRequest) => messagesOf(r).findLast((m) => m.role === 'user')?.content;

let model: ScriptedOpenAiServer;
let stack: ScriptedStack;
let answers = 0;
beforeAll(async () => {
  stack = await startScriptedStack({ crm: false });
  model = stack.model;
  // Every coach answer is unique and says which question it answered.
  model.setFallback((request) =>
    isCoachRequest(request)
      ? textAnswer(`Answer ${++answers} to "${lastUser(request)}"`)
      : textAnswer('A title'),
  );
});
afterAll(async () => {
  await stack.close();
});

/** What the model was sent to answer the question with this exact text (the last such request). */
const contextFor = (question: string) =>
  waitFor(() => model.requests.findLast((r) => isCoachRequest(r) && lastUser(r) === question)).then(
    conversationOf,
  );

describe('edit and regenerate, with versions', () => {
  it('keeps every version; the coach reads only the branch it answers', async () => {
    const alex = stack.client('alex').api;
    const session = await alex.chat.sessions.create.mutate({});
    const page = await alex.chat.messages.list.query({ sessionId: session.id });
    const seen = await followSession(stack.client('alex'), session.id, page.lastEventId);
    const completed = (n: number) =>
      seen.until((all) => all.filter((e) => e.event.type === 'answer.completed').length >= n);
    const finals = () =>
      seen.events.flatMap((e) => (e.event.type === 'answer.completed' ? [e.event.message] : []));

    const first = await alex.chat.send.mutate({
      sessionId: session.id,
      content: 'How do I open with Contoso?',
      clientMessageId: 'v-1',
    });
    await completed(1);
    const firstAnswer = finals()[0]!;

    const edited = await alex.chat.edit.mutate({
      sessionId: session.id,
      messageId: first.messageId,
      content: 'How do I open with Fabrikam?',
      clientMessageId: 'v-2',
    });
    expect(edited.message).toMatchObject({ seq: 3, versionOf: first.messageId });
    await completed(2);
    const editedAnswer = finals()[1]!;
    expect(editedAnswer).toMatchObject({ seq: 4, parentId: edited.messageId });
    expect(await contextFor('How do I open with Fabrikam?')).toEqual([
      'user: How do I open with Fabrikam?',
    ]);

    const again = await alex.chat.regenerate.mutate({
      sessionId: session.id,
      messageId: editedAnswer.id,
    });
    expect(again).toEqual({ questionId: edited.messageId });
    await completed(3);
    const regenerated = finals()[2]!;
    expect(regenerated).toMatchObject({ seq: 5, parentId: edited.messageId });
    expect(regenerated.content).not.toBe(editedAnswer.content);
    expect(
      model.requests.filter(
        (r) => isCoachRequest(r) && lastUser(r) === 'How do I open with Fabrikam?',
      ),
    ).toHaveLength(2);

    // Back on the first version, a follow-up continues that branch only.
    await alex.chat.send.mutate({
      sessionId: session.id,
      content: 'And the second meeting?',
      clientMessageId: 'v-3',
      parentId: firstAnswer.id,
    });
    await completed(4);
    expect(await contextFor('And the second meeting?')).toEqual([
      'user: How do I open with Contoso?',
      `assistant: ${firstAnswer.content}`,
      'user: And the second meeting?',
    ]);

    const stored = (await alex.chat.messages.list.query({ sessionId: session.id })).messages;
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const tree = messageTree<Message>(stored);
    expect(tree.branch().map((m) => m.content)).toEqual([
      'How do I open with Contoso?',
      firstAnswer.content,
      'And the second meeting?',
      finals()[3]!.content,
    ]);
    expect(tree.position(stored[2]!)).toMatchObject({ index: 2, count: 2 });
    expect(tree.position(regenerated)).toMatchObject({ index: 2, count: 2 });
    seen.stop();
  });

  it('lets only the session owner edit and regenerate, and only what may be', async () => {
    const alex = stack.client('alex').api;
    const session = await alex.chat.sessions.create.mutate({});
    const page = await alex.chat.messages.list.query({ sessionId: session.id });
    const seen = await followSession(stack.client('alex'), session.id, page.lastEventId);
    const sent = await alex.chat.send.mutate({
      sessionId: session.id,
      content: 'Mine',
      clientMessageId: 'own-1',
    });
    await seen.until((all) => all.some((e) => e.event.type === 'answer.completed'));
    seen.stop();
    const answer = (await alex.chat.messages.list.query({ sessionId: session.id })).messages[1]!;

    const sam = stack.client('sam').api;
    await expect(
      sam.chat.edit.mutate({
        sessionId: session.id,
        messageId: sent.messageId,
        content: 'Hijacked',
        clientMessageId: 'x-1',
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(
      sam.chat.regenerate.mutate({ sessionId: session.id, messageId: answer.id }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // The coach's words are not the owner's to edit; a question is not an answer to regenerate.
    await expect(
      alex.chat.edit.mutate({
        sessionId: session.id,
        messageId: answer.id,
        content: 'Better answer',
        clientMessageId: 'x-2',
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      alex.chat.regenerate.mutate({ sessionId: session.id, messageId: sent.messageId }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(
      alex.chat.send.mutate({
        sessionId: session.id,
        content: 'Elsewhere',
        clientMessageId: 'x-3',
        parentId: 'no-such-message',
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    const stored = (await alex.chat.messages.list.query({ sessionId: session.id })).messages;
    expect(stored.map((m) => m.content)).toEqual(['Mine', answer.content]);
  });
});
