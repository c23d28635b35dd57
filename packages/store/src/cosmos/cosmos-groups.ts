import {
  DomainError,
  DomainErrorCode,
  groupSchema,
  isMember,
  membershipIn,
  type Group,
  type GroupRepository,
} from '@salescoach/domain';
import { validateIncoming } from '../validation/stored-document.js';
import {
  deleteConversationMessages,
  replaceOptimistically,
  type CosmosContext,
} from './cosmos-context.js';
import {
  fromGroupDoc,
  groupDocId,
  membershipDocId,
  toGroupDoc,
  type GroupDoc,
  type MembershipDoc,
} from './cosmos-documents.js';
import { withoutSystemFields } from './cosmos-operations.js';
import { deleteRoomPractices } from './cosmos-room-practices.js';

const PARALLEL = 8;

async function inBatchesOf<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * The group doc (in `groups`) is the source of truth for members. Membership docs (in the
 * member's `sessions` partition) are an index for "groups I belong to": they are written
 * before a member is added and deleted after a member is removed, and listForUser checks
 * each group's member list, so a crash between the two writes never grants access.
 */
export function createCosmosGroups(ctx: CosmosContext): GroupRepository {
  const membership = (groupId: string, userId: string): MembershipDoc => ({
    id: membershipDocId(groupId),
    type: 'membership',
    userId,
    groupId,
  });
  const change = (operation: string, groupId: string, apply: (group: Group) => Group | undefined) =>
    replaceOptimistically<GroupDoc>(
      ctx,
      operation,
      ctx.groups,
      groupDocId(groupId),
      groupId,
      (doc) => {
        const next = apply(fromGroupDoc(doc));
        if (!next) return undefined;
        const valid = validateIncoming(groupSchema, next, 'group');
        return {
          ...withoutSystemFields(doc),
          ...toGroupDoc(valid, doc.recentClientIds),
          lastSeq: doc.lastSeq,
        };
      },
    );

  const readGroup = async (operation: string, groupId: string) => {
    const found = await ctx.ops.read<GroupDoc>(operation, ctx.groups, groupDocId(groupId), groupId);
    return found ? fromGroupDoc(found.doc) : null;
  };
  return {
    async create(group) {
      const valid = validateIncoming(groupSchema, group, 'group');
      if (!(await ctx.ops.create('group.create', ctx.groups, toGroupDoc(valid)))) {
        throw new DomainError(DomainErrorCode.Conflict, 'Group already exists');
      }
      await inBatchesOf(valid.members, PARALLEL, (m) =>
        ctx.ops.upsert('group.create', ctx.sessions, membership(valid.id, m.userId)),
      );
      return valid;
    },
    get: (groupId) => readGroup('group.get', groupId),
    async membership(groupId, userId) {
      // The group document holds the members: one point read, checked here.
      const group = await readGroup('group.membership', groupId);
      return group ? membershipIn(group, userId) : null;
    },
    async update({ id, name, description, aiMode, updatedAt }) {
      const result = await change('group.update', id, (g) => ({
        ...g,
        name,
        description,
        aiMode,
        updatedAt,
      }));
      return result ? fromGroupDoc(result.after) : null;
    },
    async delete(groupId) {
      const found = await ctx.ops.read<GroupDoc>(
        'group.delete',
        ctx.groups,
        groupDocId(groupId),
        groupId,
      );
      if (!found) return false;
      const removed = await ctx.ops.delete(
        'group.delete',
        ctx.groups,
        groupDocId(groupId),
        groupId,
      );
      await inBatchesOf(found.doc.members, PARALLEL, (m) =>
        ctx.ops.delete('group.delete', ctx.sessions, membershipDocId(groupId), m.userId),
      );
      await deleteConversationMessages(ctx, 'group.delete', ctx.groups, groupId, groupId);
      await deleteRoomPractices(ctx, 'group.delete', groupId);
      return removed;
    },
    async addMember(groupId, member) {
      if (!(await this.get(groupId))) return null;
      await ctx.ops.upsert('group.addMember', ctx.sessions, membership(groupId, member.userId));
      const result = await change('group.addMember', groupId, (g) => {
        const at = g.members.findIndex((m) => m.userId === member.userId);
        return { ...g, members: at >= 0 ? g.members.with(at, member) : [...g.members, member] };
      });
      return result ? fromGroupDoc(result.after) : null;
    },
    async removeMember(groupId, userId) {
      const result = await change('group.removeMember', groupId, (g) => ({
        ...g,
        members: g.members.filter((m) => m.userId !== userId),
      }));
      if (!result) return null;
      await ctx.ops.delete('group.removeMember', ctx.sessions, membershipDocId(groupId), userId);
      return fromGroupDoc(result.after);
    },
    async listForUser(userId) {
      const memberships = await ctx.ops.query<MembershipDoc>(
        'group.listForUser',
        ctx.sessions,
        {
          query: "SELECT c.groupId FROM c WHERE c.userId = @pk AND c.type = 'membership'",
          parameters: [{ name: '@pk', value: userId }],
        },
        userId,
      );
      const groups: Group[] = [];
      await inBatchesOf(memberships, PARALLEL, async ({ groupId }) => {
        const found = await ctx.ops.read<GroupDoc>(
          'group.listForUser',
          ctx.groups,
          groupDocId(groupId),
          groupId,
        );
        if (!found) return;
        const group = fromGroupDoc(found.doc);
        if (isMember(group, userId)) groups.push(group);
      });
      return groups.sort(
        (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id),
      );
    },
  };
}
