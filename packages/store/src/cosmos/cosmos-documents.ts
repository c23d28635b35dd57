import {
  conversationId,
  groupSchema,
  messageSchema,
  sessionSchema,
  type ConversationRef,
  type Group,
  type Message,
  type Session,
} from '@salescoach/domain';
import { decodeStored } from '../validation/stored-document.js';

/**
 * Document ids carry a type prefix, so a session, a group, a membership and a message can
 * never collide inside one partition. A message id ends with its seq: two writers that
 * both claim a seq collide on the id as well as on the conversation's etag.
 */
export const sessionDocId = (sessionId: string) => `session:${sessionId}`;
export const groupDocId = (groupId: string) => `group:${groupId}`;
export const membershipDocId = (groupId: string) => `membership:${groupId}`;
export const messageDocId = (ref: ConversationRef, seq: number) =>
  `message:${conversationId(ref)}:${seq}`;

/** Idempotency keys (author + clientMessageId) of the newest appends, kept on the conversation document for retries. */
export type RecentClientIds = [clientMessageId: string, seq: number][];
export const RECENT_CLIENT_IDS = 100;

interface ConversationFields {
  updatedMs: number;
  recentClientIds: RecentClientIds;
}

export interface SessionDoc extends Omit<Session, 'id'>, ConversationFields {
  id: string;
  type: 'session';
  sessionId: string;
}

export interface GroupDoc extends Omit<Group, 'id'>, ConversationFields {
  id: string;
  type: 'group';
  groupId: string;
}

export interface MembershipDoc {
  id: string;
  type: 'membership';
  userId: string;
  groupId: string;
}

export interface MessageDoc {
  id: string;
  type: 'message';
  /** Partition key in `sessions`. */
  userId?: string;
  /** Partition key in `groups`. */
  groupId?: string;
  conversationKind: ConversationRef['kind'];
  conversationId: string;
  seq: number;
  messageId: string;
  clientMessageId?: string;
  status: Message['status'];
  message: Message;
}

export function toSessionDoc(session: Session, recentClientIds: RecentClientIds = []): SessionDoc {
  const { id, ...rest } = session;
  return {
    ...rest,
    id: sessionDocId(id),
    type: 'session',
    sessionId: id,
    updatedMs: Date.parse(session.updatedAt),
    recentClientIds,
  };
}

export function fromSessionDoc(doc: SessionDoc): Session {
  return decodeStored(
    sessionSchema,
    {
      id: doc.sessionId,
      userId: doc.userId,
      title: doc.title,
      role: doc.role,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      lastSeq: doc.lastSeq,
      ...(doc.kind === undefined ? {} : { kind: doc.kind }),
      private: doc.private ?? false,
      pinned: doc.pinned ?? false,
    },
    'session',
    String(doc.id),
  );
}

export function toGroupDoc(group: Group, recentClientIds: RecentClientIds = []): GroupDoc {
  const { id, ...rest } = group;
  return {
    ...rest,
    id: groupDocId(id),
    type: 'group',
    groupId: id,
    updatedMs: Date.parse(group.updatedAt),
    recentClientIds,
  };
}

export function fromGroupDoc(doc: GroupDoc): Group {
  return decodeStored(
    groupSchema,
    {
      id: doc.groupId,
      name: doc.name,
      description: doc.description,
      role: doc.role,
      ownerId: doc.ownerId,
      members: doc.members,
      aiMode: doc.aiMode,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      lastSeq: doc.lastSeq,
    },
    'group',
    String(doc.id),
  );
}

export const partitionKeyOf = (ref: ConversationRef) =>
  ref.kind === 'session' ? ref.userId : ref.groupId;

export function toMessageDoc(ref: ConversationRef, message: Message): MessageDoc {
  return {
    id: messageDocId(ref, message.seq),
    type: 'message',
    ...(ref.kind === 'session' ? { userId: ref.userId } : { groupId: ref.groupId }),
    conversationKind: ref.kind,
    conversationId: conversationId(ref),
    seq: message.seq,
    messageId: message.id,
    ...(message.clientMessageId === undefined ? {} : { clientMessageId: message.clientMessageId }),
    status: message.status,
    message,
  };
}

export function fromMessageDoc(doc: MessageDoc): Message {
  return decodeStored(messageSchema, doc.message, 'message', String(doc.id));
}

export function refOfMessageDoc(doc: MessageDoc): ConversationRef {
  return doc.conversationKind === 'session'
    ? { kind: 'session', userId: String(doc.userId), sessionId: doc.conversationId }
    : { kind: 'group', groupId: doc.conversationId };
}
