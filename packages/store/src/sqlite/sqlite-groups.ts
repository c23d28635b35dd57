import {
  DomainError,
  DomainErrorCode,
  groupHeaderSchema,
  groupMemberSchema,
  groupSchema,
  type Group,
  type GroupHeader,
  type GroupRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

interface GroupRow {
  id: string;
  name: string;
  description: string;
  role: string;
  owner_id: string;
  ai_mode: string;
  created_at: string;
  updated_at: string;
  last_seq: number;
}

interface MemberRow {
  user_id: string;
  name: string;
  kind: string;
}

export function createSqliteGroups(db: DatabaseSync): GroupRepository {
  const insertGroup = db.prepare(
    `INSERT INTO groups (id, name, description, role, owner_id, ai_mode, created_at, updated_at, updated_ms, last_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const upsertMember = db.prepare(
    `INSERT INTO group_members (group_id, user_id, name, kind, position)
     VALUES (?, ?, ?, ?, COALESCE((SELECT MAX(position) + 1 FROM group_members WHERE group_id = ?), 0))
     ON CONFLICT (group_id, user_id) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
  );
  const selectGroup = db.prepare('SELECT * FROM groups WHERE id = ?');
  const selectMembership = db.prepare(
    `SELECT g.*, m.user_id AS member_id, m.name AS member_name, m.kind AS member_kind
     FROM groups g JOIN group_members m ON m.group_id = g.id
     WHERE g.id = ? AND m.user_id = ?`,
  );
  const selectMembers = db.prepare(
    'SELECT user_id, name, kind FROM group_members WHERE group_id = ? ORDER BY position',
  );
  const selectForUser = db.prepare(
    `SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id
     WHERE m.user_id = ? ORDER BY g.updated_ms DESC, g.id`,
  );
  const updateGroup = db.prepare(
    'UPDATE groups SET name = ?, description = ?, ai_mode = ?, updated_at = ?, updated_ms = ? WHERE id = ?',
  );
  const deleteMember = db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?');
  const deleteGroup = db.prepare('DELETE FROM groups WHERE id = ?');
  const deleteMembers = db.prepare('DELETE FROM group_members WHERE group_id = ?');
  const deleteMessages = db.prepare(
    "DELETE FROM messages WHERE conversation_kind = 'group' AND conversation_id = ?",
  );
  const deletePractices = db.prepare('DELETE FROM room_practices WHERE group_id = ?');
  const deleteWhispers = db.prepare('DELETE FROM whispers WHERE group_id = ?');

  const headerOf = (row: GroupRow) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.role,
    ownerId: row.owner_id,
    aiMode: row.ai_mode,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
  });
  const decode = (row: GroupRow): Group => {
    const members = (selectMembers.all(row.id) as unknown as MemberRow[]).map((m) => ({
      userId: m.user_id,
      name: m.name,
      kind: m.kind,
    }));
    return decodeStored(groupSchema, { ...headerOf(row), members }, 'group', row.id);
  };
  const read = (groupId: string): Group | null => {
    const row = selectGroup.get(groupId) as GroupRow | undefined;
    return row ? decode(row) : null;
  };

  return {
    async membership(groupId, userId) {
      const row = selectMembership.get(groupId, userId) as
        (GroupRow & { member_id: string; member_name: string; member_kind: string }) | undefined;
      if (!row) return null;
      const group: GroupHeader = decodeStored(groupHeaderSchema, headerOf(row), 'group', row.id);
      const member = { userId: row.member_id, name: row.member_name, kind: row.member_kind };
      return { group, member: decodeStored(groupMemberSchema, member, 'group member', row.id) };
    },
    async create(group) {
      const g = validateIncoming(groupSchema, group, 'group');
      return inWriteTransaction(db, () => {
        const result = insertGroup.run(
          g.id,
          g.name,
          g.description,
          g.role,
          g.ownerId,
          g.aiMode,
          g.createdAt,
          g.updatedAt,
          Date.parse(g.updatedAt),
          g.lastSeq,
        );
        if (result.changes === 0)
          throw new DomainError(DomainErrorCode.Conflict, 'Group already exists');
        for (const m of g.members) upsertMember.run(g.id, m.userId, m.name, m.kind, g.id);
        return g;
      });
    },
    async get(groupId) {
      return read(groupId);
    },
    async update(patch) {
      return inWriteTransaction(db, () => {
        const current = read(patch.id);
        if (!current) return null;
        const next = validateIncoming(
          groupSchema,
          {
            ...current,
            name: patch.name,
            description: patch.description,
            aiMode: patch.aiMode,
            updatedAt: patch.updatedAt,
          },
          'group',
        );
        updateGroup.run(
          next.name,
          next.description,
          next.aiMode,
          next.updatedAt,
          Date.parse(next.updatedAt),
          next.id,
        );
        return next;
      });
    },
    async delete(groupId) {
      return inWriteTransaction(db, () => {
        deleteMessages.run(groupId);
        deletePractices.run(groupId);
        deleteWhispers.run(groupId);
        deleteMembers.run(groupId);
        return deleteGroup.run(groupId).changes > 0;
      });
    },
    async addMember(groupId, member) {
      return inWriteTransaction(db, () => {
        const current = read(groupId);
        if (!current) return null;
        const at = current.members.findIndex((m) => m.userId === member.userId);
        const members = at >= 0 ? current.members.with(at, member) : [...current.members, member];
        const next = validateIncoming(groupSchema, { ...current, members }, 'group');
        upsertMember.run(groupId, member.userId, member.name, member.kind, groupId);
        return next;
      });
    },
    async removeMember(groupId, userId) {
      return inWriteTransaction(db, () => {
        const current = read(groupId);
        if (!current) return null;
        const next = validateIncoming(
          groupSchema,
          { ...current, members: current.members.filter((m) => m.userId !== userId) },
          'group',
        );
        deleteMember.run(groupId, userId);
        return next;
      });
    },
    async listForUser(userId) {
      return (selectForUser.all(userId) as unknown as GroupRow[]).map(decode);
    },
  };
}
