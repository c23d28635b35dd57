import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../model/events.js';
import { mentionsCoach, withoutCoachMention } from './coach-mention.js';
import { people, roomHarness, waitUntil } from './testing/room-harness.js';

type Presence = Extract<ConversationEvent, { type: 'presence' }>;
const onlineIn = (events: { event: ConversationEvent }[]) =>
  events
    .map((e) => e.event)
    .filter((e): e is Presence => e.type === 'presence')
    .map((e) => e.online.map((o) => o.userId));
const contents = (events: { event: ConversationEvent }[]) =>
  events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message.content] : []));

describe('following a room', () => {
  it('every member sees the same messages in the same order, with log ids', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const subs = [people.owner, people.member, people.other].map((p) => h.follow(p, groupId));
    await Promise.all(subs.map((s) => s.until((all) => onlineIn(all).some((o) => o.length === 3))));
    for (const [i, p] of [people.member, people.owner, people.other, people.member].entries()) {
      await h.service.send(p, undefined, {
        groupId,
        content: `message ${i}`,
        clientMessageId: `m${i}`,
      });
    }
    await Promise.all(subs.map((s) => s.until((all) => contents(all).length === 4)));
    const seen = subs.map((s) =>
      s.events
        .filter((e) => e.event.type === 'message.created')
        .map((e) => [e.id, e.event.type === 'message.created' && e.event.message.seq]),
    );
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[1]).toEqual(seen[2]);
    expect(contents(subs[0]!.events)).toEqual(['message 0', 'message 1', 'message 2', 'message 3']);
    await Promise.all(subs.map((s) => s.stop()));
  });

  it('a removed member gets their removal as the last event, and nothing after it', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const sam = h.follow(people.member, groupId);
    const carol = h.follow(people.other, groupId);
    await carol.until((all) => onlineIn(all).some((o) => o.includes(people.member.id)));
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'before',
      clientMessageId: 'b',
    });
    await sam.until((all) => contents(all).includes('before'));

    await h.service.removeMember(people.owner, groupId, people.member.id);
    await sam.done; // the subscription ends by itself
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'after',
      clientMessageId: 'a',
    });
    await carol.until((all) => contents(all).includes('after'));

    expect(sam.failure).toBeUndefined();
    expect(sam.events.at(-1)?.event).toEqual({
      type: 'member.removed',
      groupId,
      userId: people.member.id,
    });
    expect(contents(sam.events)).toEqual(['before']);
    // Carol sees Sam go offline.
    await carol.until((all) => onlineIn(all).at(-1)?.join() === [people.other.id].join());
    await carol.stop();
  });

  it('a removed member cannot resume from an old event id', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'hello',
      clientMessageId: 'h',
    });
    const page = await h.service.listMessages(people.member, { groupId });
    await h.service.removeMember(people.owner, groupId, people.member.id);
    const sam = h.follow(people.member, groupId, page.lastEventId);
    await sam.done;
    expect(sam.failure).toMatchObject({ code: 'FORBIDDEN' });
    expect(sam.events).toEqual([]);
  });

  it('a removal that lands while the subscription starts is not missed', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    // Remove Sam after the router's access check, just as the subscription starts listening.
    const original = h.groups.membership.bind(h.groups);
    let calls = 0;
    h.groups.membership = async (id, userId) => {
      calls++;
      if (calls === 1) await h.groups.removeMember(id, people.member.id);
      return original(id, userId);
    };
    const sam = h.follow(people.member, groupId);
    await sam.done;
    expect(sam.failure).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deleting the room ends every subscription', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const subs = [h.follow(people.member, groupId), h.follow(people.other, groupId)];
    await Promise.all(subs.map((s) => s.until((all) => all.length > 0)));
    await h.service.delete(people.owner, groupId);
    await Promise.all(subs.map((s) => s.done));
    for (const s of subs)
      expect(s.events.at(-1)?.event).toEqual({ type: 'group.deleted', groupId });
  });

  it('resumes after the last seen id without loss or repeats', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const first = h.follow(people.member, groupId);
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'one',
      clientMessageId: '1',
    });
    await first.until((all) => contents(all).length === 1);
    await first.stop();
    const lastId = first.events.filter((e) => e.id).at(-1)!.id!;
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'two',
      clientMessageId: '2',
    });
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'three',
      clientMessageId: '3',
    });
    const second = h.follow(people.member, groupId, lastId);
    await second.until((all) => contents(all).length === 2);
    await h.service.send(people.owner, undefined, {
      groupId,
      content: 'four',
      clientMessageId: '4',
    });
    await second.until((all) => contents(all).length === 3);
    expect(contents(second.events)).toEqual(['two', 'three', 'four']);
    await second.stop();
  });
});

describe('presence', () => {
  it('lists who is connected, counting two tabs of one person once', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const latest = (all: Parameters<typeof onlineIn>[0]) => JSON.stringify(onlineIn(all).at(-1));
    const owner = h.follow(people.owner, groupId);
    await owner.until((all) => latest(all) === JSON.stringify([people.owner.id]));
    const tab1 = h.follow(people.member, groupId);
    const tab2 = h.follow(people.member, groupId);
    await owner.until((all) => latest(all) === JSON.stringify([people.owner.id, people.member.id]));

    await tab1.stop();
    expect(await h.presence.online(groupId)).toEqual([
      { userId: people.owner.id, name: people.owner.name },
      { userId: people.member.id, name: people.member.name },
    ]);
    await tab2.stop();
    await owner.until((all) => latest(all) === JSON.stringify([people.owner.id]));
    await owner.stop();
    expect(await h.presence.online(groupId)).toEqual([]);
    // Presence is live-only: nothing of it is stored for replay.
    expect(h.log.stored(h.stream(groupId)).some((e) => e.event.type === 'presence')).toBe(false);
  });

  it('coalesces a burst of joins into few presence events', async () => {
    const h = roomHarness({ presenceWindowMs: 50 });
    const groupId = await h.room();
    const owner = h.follow(people.owner, groupId);
    await owner.until((all) => onlineIn(all).length >= 1);
    const before = onlineIn(owner.events).length;
    const tabs = Array.from({ length: 10 }, () => h.follow(people.member, groupId));
    await owner.until(
      (all) =>
        JSON.stringify(onlineIn(all).at(-1)) ===
        JSON.stringify([people.owner.id, people.member.id]),
    );
    expect(onlineIn(owner.events).length - before).toBeLessThan(10);
    await Promise.all(tabs.map((t) => t.stop()));
    await owner.stop();
  });
});

describe('typing', () => {
  it('is live-only, expires after 3 s and is throttled to one per person per second', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const owner = h.follow(people.owner, groupId);
    await owner.until((all) => onlineIn(all).length > 0);
    const typing = () => owner.events.map((e) => e.event).filter((e) => e.type === 'typing');

    await h.service.typing(people.member, groupId);
    await h.service.typing(people.member, groupId);
    h.advance(500);
    await h.service.typing(people.member, groupId);
    await h.service.typing(people.other, groupId);
    h.advance(600);
    await h.service.typing(people.member, groupId);
    await owner.until(() => typing().length === 3);

    expect(typing()).toEqual([
      {
        type: 'typing',
        groupId,
        userId: people.member.id,
        name: people.member.name,
        expiresAt: '2025-03-03T09:00:03.000Z',
      },
      {
        type: 'typing',
        groupId,
        userId: people.other.id,
        name: people.other.name,
        expiresAt: '2025-03-03T09:00:03.500Z',
      },
      {
        type: 'typing',
        groupId,
        userId: people.member.id,
        name: people.member.name,
        expiresAt: '2025-03-03T09:00:04.100Z',
      },
    ]);
    expect(
      owner.events.filter((e) => e.event.type === 'typing').every((e) => e.id === undefined),
    ).toBe(true);
    expect(h.log.stored(h.stream(groupId)).some((e) => e.event.type === 'typing')).toBe(false);
    await owner.stop();
  });
});

describe('@coach mentions', () => {
  it.each([
    ['@coach how is my pipeline?', true],
    ['Hey @Coach: forecast?', true],
    ['(@COACH) help', true],
    ['ask the coach', false],
    ['sam@coach.io', false],
    ['@coaching tips', false],
    ['@coach-team', false],
  ])('%s → %s', (text, expected) => {
    expect(mentionsCoach(text)).toBe(expected);
  });

  it('strips the mention for insights', () => {
    expect(withoutCoachMention('@coach, how do I handle price objections?')).toBe(
      'how do I handle price objections?',
    );
    expect(withoutCoachMention('Pipeline @Coach please')).toBe('Pipeline please');
  });
});

describe('waitUntil', () => {
  it('fails when the condition never holds', async () => {
    await expect(waitUntil(() => false, 3)).rejects.toThrow('condition not met');
  });
});
