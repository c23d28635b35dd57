import { describe, expect, it } from 'vitest';
import { DomainErrorCode, isDomainError } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { GroupService } from './group-service.js';
import { people, roomHarness } from './testing/room-harness.js';

type Caller = 'owner' | 'member' | 'stranger' | 'removed';
type Outcome = 'ok' | 'FORBIDDEN' | 'CONFLICT';

/** Runs one procedure; a subscription counts as allowed once it delivers its first event. */
type Procedure = (service: GroupService, user: User, groupId: string) => Promise<unknown>;

const procedures: Record<string, Procedure> = {
  get: (s, u, id) => s.get(u, id),
  update: (s, u, id) => s.update(u, id, { name: 'Renamed' }),
  delete: (s, u, id) => s.delete(u, id),
  'members.add': (s, u, id) => s.addMember(u, id, people.hr.id),
  'members.remove': (s, u, id) => s.removeMember(u, id, people.other.id),
  leave: (s, u, id) => s.leave(u, id),
  'messages.list': (s, u, id) => s.listMessages(u, { groupId: id }),
  send: (s, u, id) =>
    s.send(u, undefined, { groupId: id, content: 'hello all', clientMessageId: `c-${u.id}` }),
  stop: (s, u, id) => s.stop(u, id),
  typing: (s, u, id) => s.typing(u, id),
  events: async (s, u, id) => {
    const controller = new AbortController();
    const stream = await s.follow(u, id, null, controller.signal);
    // A member's subscription delivers the presence list first.
    const first = await stream.next();
    controller.abort();
    await stream.return(undefined);
    if (first.done) throw new Error('the subscription ended without an event');
    return first.value.event;
  },
};

const ownerOnly = (owner: Outcome = 'ok'): Record<Caller, Outcome> => ({
  owner,
  member: 'FORBIDDEN',
  stranger: 'FORBIDDEN',
  removed: 'FORBIDDEN',
});
const members = (owner: Outcome = 'ok'): Record<Caller, Outcome> => ({
  owner,
  member: 'ok',
  stranger: 'FORBIDDEN',
  removed: 'FORBIDDEN',
});

const expected: Record<keyof typeof procedures, Record<Caller, Outcome>> = {
  get: members(),
  update: ownerOnly(),
  delete: ownerOnly(),
  'members.add': ownerOnly(),
  'members.remove': ownerOnly(),
  leave: members('CONFLICT'),
  'messages.list': members(),
  send: members(),
  stop: members(),
  typing: members(),
  events: members(),
};

async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (
      isDomainError(error) &&
      (error.code === DomainErrorCode.Forbidden || error.code === DomainErrorCode.Conflict)
    ) {
      return error.code;
    }
    throw error;
  }
}

const callers: Caller[] = ['owner', 'member', 'stranger', 'removed'];
const userFor: Record<Caller, User> = {
  owner: people.owner,
  member: people.member,
  stranger: people.stranger,
  removed: people.removed,
};

describe('room access matrix', () => {
  for (const [name, procedure] of Object.entries(procedures)) {
    for (const caller of callers) {
      const want = expected[name]![caller];
      it(`${name} by ${caller} → ${want}`, async () => {
        const h = roomHarness();
        const groupId = await h.room();
        const before = await h.groups.get(groupId);
        const messagesBefore = h.messages.all().length;

        expect(await outcomeOf(procedure(h.service, userFor[caller], groupId))).toBe(want);

        if (want !== 'ok') {
          // A refused call changes nothing and publishes nothing.
          expect(await h.groups.get(groupId)).toEqual(before);
          expect(h.messages.all()).toHaveLength(messagesBefore);
        }
      });
    }

    it(`${name} on a room that does not exist → FORBIDDEN, like a room one is not in`, async () => {
      const h = roomHarness();
      const groupId = await h.room();
      const missing = '00000000-0000-4000-8000-000000000000';
      const error = await procedure(h.service, people.owner, missing).catch((e: unknown) => e);
      const stranger = await procedure(h.service, people.stranger, groupId).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: DomainErrorCode.Forbidden });
      expect((error as Error).message).toBe((stranger as Error).message);
    });
  }

  it('the removed member and the stranger learn nothing: same code, same message', async () => {
    const h = roomHarness();
    const groupId = await h.room();
    const a = await h.service.get(people.removed, groupId).catch((e: unknown) => e);
    const b = await h.service.get(people.stranger, groupId).catch((e: unknown) => e);
    expect(a).toMatchObject({ code: DomainErrorCode.Forbidden });
    expect((a as Error).message).toBe((b as Error).message);
  });

  it('creating a room needs its role', async () => {
    const h = roomHarness();
    await expect(
      h.service.create(people.hr, { name: 'Pipeline', role: 'Sales', aiMode: 'mention' }),
    ).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    const group = await h.service.create(people.stranger, {
      name: '  Managers  ',
      role: 'Manager',
      aiMode: 'always',
    });
    expect(group).toMatchObject({
      name: 'Managers',
      role: 'Manager',
      aiMode: 'always',
      ownerId: people.stranger.id,
      members: [{ userId: people.stranger.id, name: people.stranger.name, kind: 'owner' }],
    });
    expect(await h.service.list(people.stranger)).toHaveLength(1);
    expect(await h.service.list(people.hr)).toHaveLength(0);
  });
});
