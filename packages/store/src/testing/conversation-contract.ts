import { DomainErrorCode, MAX_PAGE_SIZE } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context.js';
import {
  groupFixture,
  groupRef,
  nextTimestamp,
  sessionFixture,
  sessionRef,
  userMessageFixture,
} from './store-fixtures.js';

export function registerConversationContract(ctx: ContractContext): void {
  describe('sessions', () => {
    it('creates a session and returns it only to its owner', async () => {
      const session = sessionFixture('alex');
      await expect(ctx.store().sessions.create(session)).resolves.toEqual(session);
      await expect(ctx.store().sessions.get('alex', session.id)).resolves.toEqual(session);
      await expect(ctx.store().sessions.get('sam', session.id)).resolves.toBeNull();
      await expect(ctx.store().sessions.get('alex', 'no-such-session')).resolves.toBeNull();
    });

    it('refuses a second session with the same id', async () => {
      const session = sessionFixture('alex');
      await ctx.store().sessions.create(session);
      await expect(ctx.store().sessions.create(session)).rejects.toMatchObject({
        code: DomainErrorCode.Conflict,
      });
    });

    it('lists a user\u2019s sessions newest activity first, bounded by limit', async () => {
      const user = `lister-${Date.now()}`;
      const a = await ctx.store().sessions.create(sessionFixture(user, { title: 'a' }));
      const b = await ctx.store().sessions.create(sessionFixture(user, { title: 'b' }));
      await ctx.store().sessions.create(sessionFixture('someone-else'));
      await ctx.store().messages.append(sessionRef(a), userMessageFixture(sessionRef(a), 'bump'));
      const listed = await ctx.store().sessions.listByUser(user, { limit: 10 });
      expect(listed.map((s) => s.id)).toEqual([a.id, b.id]);
      expect(listed[0]!.lastSeq).toBe(1);
      await expect(ctx.store().sessions.listByUser(user, { limit: 1 })).resolves.toHaveLength(1);
    });

    it('pins for the owner only, lists the pinned ones alone, and keeps the other flags', async () => {
      const user = `pinner-${Date.now()}`;
      const old = await ctx.store().sessions.create(sessionFixture(user, { title: 'old' }));
      const recent = await ctx.store().sessions.create(sessionFixture(user, { title: 'recent' }));
      expect(old.pinned).toBe(false);
      await expect(ctx.store().sessions.mark('sam', old.id, { pinned: true })).resolves.toBeNull();
      await ctx.store().sessions.mark(user, old.id, { private: true });
      await expect(
        ctx.store().sessions.mark(user, old.id, { pinned: true }),
      ).resolves.toMatchObject({ id: old.id, pinned: true, private: true });
      const pinned = await ctx.store().sessions.listByUser(user, { limit: 10, pinned: true });
      expect(pinned.map((s) => [s.id, s.pinned, s.private])).toEqual([[old.id, true, true]]);
      const all = await ctx.store().sessions.listByUser(user, { limit: 10 });
      expect(all.map((s) => s.id).sort()).toEqual([old.id, recent.id].sort());
      await ctx.store().sessions.mark(user, old.id, { pinned: false });
      await expect(
        ctx.store().sessions.listByUser(user, { limit: 10, pinned: true }),
      ).resolves.toEqual([]);
      await expect(ctx.store().sessions.get(user, old.id)).resolves.toMatchObject({
        pinned: false,
        private: true,
      });
    });

    it('renames for the owner only', async () => {
      const session = await ctx.store().sessions.create(sessionFixture('alex'));
      await expect(ctx.store().sessions.rename('sam', session.id, 'stolen')).resolves.toBeNull();
      const renamed = await ctx.store().sessions.rename('alex', session.id, 'Renamed');
      expect(renamed?.title).toBe('Renamed');
      await expect(ctx.store().sessions.get('alex', session.id)).resolves.toMatchObject({
        title: 'Renamed',
      });
    });

    it('deletes a session with its messages, for the owner only', async () => {
      const session = await ctx.store().sessions.create(sessionFixture('alex'));
      const ref = sessionRef(session);
      const { message } = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'to be deleted'));
      await expect(ctx.store().sessions.delete('sam', session.id)).resolves.toBe(false);
      await expect(ctx.store().sessions.delete('alex', session.id)).resolves.toBe(true);
      await expect(ctx.store().sessions.get('alex', session.id)).resolves.toBeNull();
      await expect(ctx.store().messages.get(ref, message.id)).resolves.toBeNull();
      await expect(ctx.store().messages.list(ref, { limit: 10 })).resolves.toEqual([]);
      await expect(ctx.store().sessions.delete('alex', session.id)).resolves.toBe(false);
      await expect(
        ctx.store().messages.append(ref, userMessageFixture(ref, 'late')),
      ).rejects.toMatchObject({
        code: DomainErrorCode.NotFound,
      });
    });
  });

  describe('groups and memberships', () => {
    it('creates, reads and updates a group (members and lastSeq untouched by update)', async () => {
      const group = groupFixture('morgan', ['alex']);
      await expect(ctx.store().groups.create(group)).resolves.toEqual(group);
      await expect(ctx.store().groups.get(group.id)).resolves.toEqual(group);
      await expect(ctx.store().groups.create(group)).rejects.toMatchObject({
        code: DomainErrorCode.Conflict,
      });
      const updatedAt = nextTimestamp();
      const updated = await ctx.store().groups.update({
        id: group.id,
        name: 'Renamed room',
        description: 'new',
        aiMode: 'always',
        updatedAt,
      });
      expect(updated).toEqual({
        ...group,
        name: 'Renamed room',
        description: 'new',
        aiMode: 'always',
        updatedAt,
      });
      await expect(ctx.store().groups.get(group.id)).resolves.toEqual(updated);
      await expect(
        ctx.store().groups.update({ ...updated!, id: 'no-such-group' }),
      ).resolves.toBeNull();
    });

    it('answers "groups I belong to" from memberships, newest activity first', async () => {
      const member = `member-${Date.now()}`;
      const older = await ctx.store().groups.create(groupFixture('morgan', [member]));
      const newer = await ctx.store().groups.create(groupFixture('riley', [member]));
      const notMine = await ctx.store().groups.create(groupFixture('riley', ['sam']));
      expect((await ctx.store().groups.listForUser(member)).map((g) => g.id)).toEqual([
        newer.id,
        older.id,
      ]);

      await ctx
        .store()
        .messages.append(groupRef(older), userMessageFixture(groupRef(older), 'activity'));
      expect((await ctx.store().groups.listForUser(member)).map((g) => g.id)).toEqual([
        older.id,
        newer.id,
      ]);

      const joined = await ctx
        .store()
        .groups.addMember(notMine.id, { userId: member, name: 'New', kind: 'member' });
      expect(joined?.members.map((m) => m.userId)).toEqual(['riley', 'sam', member]);
      expect((await ctx.store().groups.listForUser(member)).map((g) => g.id)).toContain(notMine.id);

      const left = await ctx.store().groups.removeMember(older.id, member);
      expect(left?.members.map((m) => m.userId)).toEqual(['morgan']);
      const after = (await ctx.store().groups.listForUser(member)).map((g) => g.id);
      expect(after).not.toContain(older.id);
      expect(after).toContain(newer.id);
      await expect(
        ctx
          .store()
          .groups.addMember('no-such-group', { userId: member, name: 'x', kind: 'member' }),
      ).resolves.toBeNull();
    });

    it('reads one membership with the room (no member list), and none for others', async () => {
      const group = await ctx.store().groups.create(groupFixture('morgan', ['alex', 'sam']));
      const { members: _members, ...header } = group;
      await expect(ctx.store().groups.membership(group.id, 'alex')).resolves.toEqual({
        group: header,
        member: { userId: 'alex', name: 'alex', kind: 'member' },
      });
      await expect(ctx.store().groups.membership(group.id, 'morgan')).resolves.toMatchObject({
        member: { userId: 'morgan', kind: 'owner' },
      });
      await expect(ctx.store().groups.membership(group.id, 'riley')).resolves.toBeNull();
      await expect(ctx.store().groups.membership('no-such-group', 'alex')).resolves.toBeNull();
      await ctx.store().groups.removeMember(group.id, 'sam');
      await expect(ctx.store().groups.membership(group.id, 'sam')).resolves.toBeNull();
      const ref = groupRef(group);
      await ctx.store().messages.append(ref, userMessageFixture(ref, 'moves lastSeq'));
      await expect(ctx.store().groups.membership(group.id, 'alex')).resolves.toMatchObject({
        group: { lastSeq: 1 },
      });
    });

    it('deletes a group with its messages and every membership', async () => {
      const member = `leaver-${Date.now()}`;
      const group = await ctx.store().groups.create(groupFixture('morgan', [member]));
      const ref = groupRef(group);
      const { message } = await ctx
        .store()
        .messages.append(ref, userMessageFixture(ref, 'hello room'));
      await expect(ctx.store().groups.delete(group.id)).resolves.toBe(true);
      await expect(ctx.store().groups.get(group.id)).resolves.toBeNull();
      await expect(ctx.store().groups.listForUser(member)).resolves.toEqual([]);
      await expect(ctx.store().groups.listForUser('morgan')).resolves.not.toContainEqual(
        expect.objectContaining({ id: group.id }),
      );
      await expect(ctx.store().messages.get(ref, message.id)).resolves.toBeNull();
      await expect(ctx.store().messages.list(ref, { limit: MAX_PAGE_SIZE })).resolves.toEqual([]);
      await expect(ctx.store().groups.delete(group.id)).resolves.toBe(false);
    });
  });
}
