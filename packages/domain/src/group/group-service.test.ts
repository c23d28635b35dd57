import { describe, expect, it } from 'vitest';
import { DomainErrorCode } from '../errors/domain-error.js';
import type { ConversationEvent } from '../model/events.js';
import { people, roomHarness, waitUntil } from './testing/room-harness.js';

type Harness = ReturnType<typeof roomHarness>;
type Person = (typeof people)[keyof typeof people];
/** `user` posts `content` to the room, without a token. */
const post = (
  h: Harness,
  user: Person,
  groupId: string,
  content: string,
  clientMessageId: string,
) => h.service.send(user, undefined, { groupId, content, clientMessageId });
const eventsOf = (h: Harness, groupId: string): ConversationEvent[] =>
  h.log.stored(h.stream(groupId)).map((e) => e.event);
const queuedLists = (h: Harness, groupId: string) =>
  eventsOf(h, groupId)
    .filter(
      (e): e is Extract<ConversationEvent, { type: 'answer.queued' }> => e.type === 'answer.queued',
    )
    .map((e) => e.queue.map((q) => q.messageId));

describe('GroupService.send', () => {
  it('persists in the room, fans out message.created and is idempotent on clientMessageId', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const first = await post(h, people.member, groupId, '  Morning all  ', 'm1');
    const again = await post(h, people.member, groupId, 'Morning all', 'm1');
    expect(first.created).toBe(true);
    expect(again).toEqual({ message: first.message, created: false });
    expect(first.message).toMatchObject({
      conversationId: groupId,
      conversationKind: 'group',
      seq: 1,
      content: 'Morning all',
      author: { kind: 'user', userId: people.member.id, name: people.member.name },
    });
    await h.publisher.drain();
    expect(eventsOf(h, groupId).filter((e) => e.type === 'message.created')).toEqual([
      { type: 'message.created', message: first.message },
    ]);
    // Not addressed to the coach: no answer, no insights record.
    expect(h.engine.calls).toHaveLength(0);
    expect(h.questions).toHaveLength(0);
  });

  it('refuses empty and oversized messages', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    await expect(post(h, people.member, groupId, '   ', 'e')).rejects.toMatchObject({
      code: DomainErrorCode.Invalid,
    });
    await expect(post(h, people.member, groupId, 'x'.repeat(2_001), 'big')).rejects.toMatchObject({
      code: DomainErrorCode.LimitExceeded,
    });
    expect(h.messages.all()).toHaveLength(0);
  });

  it('@coach makes the coach answer with the ROOM role, the asker as user and their token', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    // The owner of a Sales room is asked by a member: the room's role, not the member's roles, decides.
    await h.service.addMember(people.owner, groupId, people.hr.id);
    const { message } = await h.service.send(people.hr, 'hr-token', {
      groupId,
      content: '@Coach, how is the pipeline?',
      clientMessageId: 'q1',
    });
    await h.engine.started(1);
    expect(h.engine.calls[0]).toMatchObject({
      ref: { kind: 'group', groupId },
      role: 'Sales',
      token: 'hr-token',
      question: { id: message.id },
    });
    expect(h.engine.calls[0]!.user.id).toBe(people.hr.id);
    // Insights get the question after the answer has started (background work).
    await waitUntil(() => h.questions.length > 0);
    expect(h.questions).toEqual([
      {
        text: 'how is the pipeline?',
        role: 'Sales',
        conversationKind: 'group',
        conversationId: groupId,
        asker: people.hr,
        private: false,
        askedAt: message.createdAt,
      },
    ]);
    h.engine.finishNext();
    await waitUntil(() => !h.answers.isRunning(groupId));
    await h.publisher.drain();
    expect(eventsOf(h, groupId).map((e) => e.type)).toEqual([
      'member.added',
      'member.added',
      'member.added',
      'member.removed',
      'member.added',
      'message.created',
      'answer.started',
      'answer.delta',
      'answer.completed',
    ]);
  });

  it('in `always` mode every message goes to the coach; in `mention` mode only @coach (as a word)', async () => {
    const h = roomHarness();
    const always = await h.room('always');
    await post(h, people.member, always, 'pipeline please', 'a1');
    await h.engine.started(1);
    h.engine.finishNext();

    const mention = await h.room('mention');
    for (const [i, content] of [
      'mail me at sam@coach.com',
      'the @coachella deck',
      'thanks coach',
    ].entries()) {
      await post(h, people.member, mention, content, `n${i}`);
    }
    await waitUntil(() => !h.answers.isRunning(always));
    expect(h.engine.calls.map((c) => c.ref)).toEqual([{ kind: 'group', groupId: always }]);
  });
});

describe('one coach answer per room: the queue', () => {
  it('queues further questions FIFO, shows the queue, and answers them in order', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const ask = (user: Person, n: number) =>
      post(h, user, groupId, `@coach question ${n}`, `q${n}`).then((r) => r.message.id);
    const q1 = await ask(people.owner, 1);
    await h.engine.started(1);
    const q2 = await ask(people.member, 2);
    const q3 = await ask(people.other, 3);
    await h.publisher.drain();
    expect(queuedLists(h, groupId)).toEqual([[q2], [q2, q3]]);

    h.engine.finishNext();
    await h.engine.started(2);
    h.engine.finishNext();
    await h.engine.started(3);
    h.engine.finishNext();
    await waitUntil(() => !h.answers.isRunning(groupId));
    await h.publisher.drain();

    expect(h.engine.calls.map((c) => c.question.id)).toEqual([q1, q2, q3]);
    expect(h.engine.calls.map((c) => c.user.id)).toEqual([
      people.owner.id,
      people.member.id,
      people.other.id,
    ]);
    expect(queuedLists(h, groupId)).toEqual([[q2], [q2, q3], [q3], []]);
    // Answers never overlap: each completes before the next starts.
    const answerTypes = eventsOf(h, groupId)
      .map((e) => e.type)
      .filter((t) => t === 'answer.started' || t === 'answer.completed');
    expect(answerTypes).toEqual([
      'answer.started',
      'answer.completed',
      'answer.started',
      'answer.completed',
      'answer.started',
      'answer.completed',
    ]);
  });

  it('refuses a question when the queue is full, before storing it', async () => {
    const h = roomHarness({ maxQueuedAnswers: 1 });
    const groupId = await h.room();
    await post(h, people.owner, groupId, '@coach one', 'q1');
    await h.engine.started(1);
    await post(h, people.member, groupId, '@coach two', 'q2');
    await expect(post(h, people.other, groupId, '@coach three', 'q3')).rejects.toMatchObject({
      code: DomainErrorCode.LimitExceeded,
      message: expect.stringContaining('questions waiting') as string,
    });
    expect(
      h.messages
        .all()
        .filter((m) => m.author.kind === 'user')
        .map((m) => m.content),
    ).toEqual(['@coach one', '@coach two']);
    // People can still talk while the coach is busy.
    await expect(post(h, people.other, groupId, 'meanwhile…', 'q4')).resolves.toMatchObject({
      created: true,
    });
    await h.service.stop(people.owner, groupId);
  });

  it('stop: the asker stops their answer, another member may not, the owner stops it and clears the queue', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    await post(h, people.member, groupId, '@coach one', 'q1');
    await h.engine.started(1);
    await expect(h.service.stop(people.other, groupId)).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    expect(await h.service.stop(people.member, groupId)).toBe(true);
    await waitUntil(() => !h.answers.isRunning(groupId));
    expect(h.messages.all().find((m) => m.author.kind === 'assistant')?.status).toBe('interrupted');
    expect(await h.service.stop(people.member, groupId)).toBe(false);

    await post(h, people.member, groupId, '@coach two', 'q2');
    await h.engine.started(2);
    await post(h, people.other, groupId, '@coach three', 'q3');
    expect(await h.service.stop(people.owner, groupId)).toBe(true);
    await waitUntil(() => !h.answers.isRunning(groupId));
    await h.publisher.drain();
    // The waiting question was dropped: no third answer started.
    expect(h.engine.calls).toHaveLength(2);
    expect(queuedLists(h, groupId).at(-1)).toEqual([]);
  });

  it('a member who leaves takes their waiting questions with them', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    await post(h, people.owner, groupId, '@coach one', 'q1');
    await h.engine.started(1);
    await post(h, people.member, groupId, '@coach two', 'q2');
    await h.service.leave(people.member, groupId);
    h.engine.finishNext();
    await waitUntil(() => !h.answers.isRunning(groupId));
    await h.publisher.drain();
    expect(h.engine.calls).toHaveLength(1);
    expect(queuedLists(h, groupId).at(-1)).toEqual([]);
  });
});

describe('membership', () => {
  it('adds by directory id with the directory name, refuses unknown ids, removes, and refuses to remove the owner', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const added = await h.service.addMember(people.owner, groupId, people.hr.id);
    expect(added.group.members.find((m) => m.userId === people.hr.id)).toEqual({
      userId: people.hr.id,
      name: people.hr.name,
      kind: 'member',
    });
    await expect(h.service.addMember(people.owner, groupId, 'zoe')).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
    expect((await h.service.get(people.owner, groupId)).members.map((m) => m.userId)).not.toContain(
      'zoe',
    );
    await expect(
      h.service.removeMember(people.owner, groupId, people.owner.id),
    ).rejects.toMatchObject({ code: DomainErrorCode.Conflict });
    await expect(h.service.removeMember(people.owner, groupId, 'nobody')).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
    const after = await h.service.removeMember(people.owner, groupId, people.hr.id);
    expect(after.members.map((m) => m.userId)).not.toContain(people.hr.id);
    await expect(h.service.get(people.hr, groupId)).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
  });

  it('a full room refuses the next member with CONFLICT, naming the setting, and adds nobody', async () => {
    const h = roomHarness({ maxMembers: 4 });
    const groupId = await h.room(); // owner, member and other
    await h.service.addMember(people.owner, groupId, people.hr.id);
    const before = (await h.service.get(people.owner, groupId)).members.map((m) => m.userId);
    expect(before).toHaveLength(4);
    await expect(
      h.service.addMember(people.owner, groupId, people.removed.id),
    ).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
      message: expect.stringContaining('ROOM_MAX_MEMBERS'),
    });
    expect((await h.service.get(people.owner, groupId)).members.map((m) => m.userId)).toEqual(
      before,
    );
  });

  it('the owner cannot leave (they delete the room); members can', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    await expect(h.service.leave(people.owner, groupId)).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
      message: expect.stringContaining('delete') as string,
    });
    await h.service.leave(people.member, groupId);
    expect((await h.service.get(people.owner, groupId)).members.map((m) => m.userId)).toEqual([
      people.owner.id,
      people.other.id,
    ]);
    expect(await h.service.list(people.member)).toEqual([]);
  });

  it('update and delete publish group.updated and group.deleted', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const updated = await h.service.update(people.owner, groupId, {
      name: ' EMEA deal desk ',
      aiMode: 'always',
    });
    expect(updated).toMatchObject({ name: 'EMEA deal desk', aiMode: 'always', description: '' });
    await h.service.delete(people.owner, groupId);
    await h.publisher.drain();
    expect(eventsOf(h, groupId).slice(-2)).toEqual([
      { type: 'group.updated', group: updated },
      { type: 'group.deleted', groupId },
    ]);
    await expect(h.service.get(people.owner, groupId)).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
  });

  it('the directory lists known people by name', async () => {
    const h = roomHarness();
    const names = (await h.service.directory(people.member)).map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toContain(people.hr.name);
  });
});
