import {
  groupSchema,
  isMember,
  membershipIn,
  notFound,
  sessionSchema,
  type Group,
  type GroupMember,
  type GroupRepository,
  type Session,
  type SessionRepository,
  DomainError,
  DomainErrorCode,
} from '@salescoach/domain';
import { conversationKey } from '../paging/conversation-key.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { deleteMemoryRoomPractices } from './memory-room-practices.js';
import type { MemoryTables } from './memory-tables.js';

const byUpdatedDesc = (a: { updatedAt: string }, b: { updatedAt: string }) =>
  Date.parse(b.updatedAt) - Date.parse(a.updatedAt);

export function readSession(tables: MemoryTables, sessionId: string): Session | null {
  const raw = tables.sessions.get(sessionId);
  return raw === undefined ? null : decodeStored(sessionSchema, raw, 'session', sessionId);
}

export function readGroup(tables: MemoryTables, groupId: string): Group | null {
  const raw = tables.groups.get(groupId);
  return raw === undefined ? null : decodeStored(groupSchema, raw, 'group', groupId);
}

export function createMemorySessions(tables: MemoryTables): SessionRepository {
  return {
    async create(session) {
      const valid = validateIncoming(sessionSchema, session, 'session');
      if (tables.sessions.has(valid.id))
        throw new DomainError(DomainErrorCode.Conflict, 'Session already exists');
      tables.sessions.set(valid.id, structuredClone(valid));
      return valid;
    },
    async get(userId, sessionId) {
      const session = readSession(tables, sessionId);
      return session && session.userId === userId ? session : null;
    },
    async listByUser(userId, { limit, pinned }) {
      const mine: Session[] = [];
      for (const id of tables.sessions.keys()) {
        const session = readSession(tables, id);
        if (session?.userId !== userId || (session.kind ?? 'chat') !== 'chat') continue;
        if (pinned && !session.pinned) continue;
        mine.push(session);
      }
      return mine.sort(byUpdatedDesc).slice(0, Math.max(0, limit));
    },
    async rename(userId, sessionId, title) {
      const session = await this.get(userId, sessionId);
      if (!session) return null;
      const next = validateIncoming(sessionSchema, { ...session, title }, 'session');
      tables.sessions.set(sessionId, structuredClone(next));
      return next;
    },
    async mark(userId, sessionId, flags) {
      const session = await this.get(userId, sessionId);
      if (!session) return null;
      const next = validateIncoming(sessionSchema, { ...session, ...flags }, 'session');
      tables.sessions.set(sessionId, structuredClone(next));
      return next;
    },
    async delete(userId, sessionId) {
      const session = await this.get(userId, sessionId);
      if (!session) return false;
      tables.sessions.delete(sessionId);
      tables.messages.delete(conversationKey({ kind: 'session', userId, sessionId }));
      return true;
    },
  };
}

export function createMemoryGroups(tables: MemoryTables): GroupRepository {
  const save = (group: Group): Group => {
    const valid = validateIncoming(groupSchema, group, 'group');
    tables.groups.set(valid.id, structuredClone(valid));
    return valid;
  };
  return {
    async create(group) {
      const valid = validateIncoming(groupSchema, group, 'group');
      if (tables.groups.has(valid.id))
        throw new DomainError(DomainErrorCode.Conflict, 'Group already exists');
      return save(valid);
    },
    async get(groupId) {
      return readGroup(tables, groupId);
    },
    async membership(groupId, userId) {
      const group = readGroup(tables, groupId);
      return group ? membershipIn(group, userId) : null;
    },
    async update({ id, name, description, aiMode, updatedAt }) {
      const group = readGroup(tables, id);
      return group ? save({ ...group, name, description, aiMode, updatedAt }) : null;
    },
    async delete(groupId) {
      if (!tables.groups.has(groupId)) return false;
      tables.groups.delete(groupId);
      tables.messages.delete(conversationKey({ kind: 'group', groupId }));
      deleteMemoryRoomPractices(tables.roomPractices, groupId);
      return true;
    },
    async addMember(groupId, member: GroupMember) {
      const group = readGroup(tables, groupId);
      if (!group) return null;
      const at = group.members.findIndex((m) => m.userId === member.userId);
      return save({
        ...group,
        members: at >= 0 ? group.members.with(at, member) : [...group.members, member],
      });
    },
    async removeMember(groupId, userId) {
      const group = readGroup(tables, groupId);
      if (!group) return null;
      return save({ ...group, members: group.members.filter((m) => m.userId !== userId) });
    },
    async listForUser(userId) {
      const mine: Group[] = [];
      for (const id of tables.groups.keys()) {
        const group = readGroup(tables, id);
        if (group && isMember(group, userId)) mine.push(group);
      }
      return mine.sort(byUpdatedDesc);
    },
  };
}

/** Fails the way the persistent adapters do when a conversation is missing. */
export const conversationNotFound = (kind: 'session' | 'group') =>
  notFound(kind === 'session' ? 'Session' : 'Group');
