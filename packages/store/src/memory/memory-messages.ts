import {
  messageSchema,
  type ConversationRef,
  type Message,
  type MessageRepository,
} from '@salescoach/domain';
import { conversationKey } from '../paging/conversation-key.js';
import { selectPage, toPageRequest } from '../paging/page-request.js';
import {
  applyPatch,
  checkNewMessage,
  laterIso,
  prepareAppend,
} from '../validation/message-input.js';
import { authorClientKey, idempotencyKey } from '../validation/idempotency-key.js';
import { decodeStored } from '../validation/stored-document.js';
import { conversationNotFound, readGroup, readSession } from './memory-conversations.js';
import type { MemoryMessageRow, MemoryTables } from './memory-tables.js';

export const decodeRow = (row: MemoryMessageRow): Message =>
  decodeStored(messageSchema, row.doc, 'message', `${row.ref.kind}/${row.seq}`);

export function createMemoryMessages(tables: MemoryTables): MessageRepository {
  /** Moves the conversation's lastSeq/updatedAt; throws NOT_FOUND when it does not exist. */
  const conversationLastSeq = (ref: ConversationRef): number => {
    if (ref.kind === 'session') {
      const session = readSession(tables, ref.sessionId);
      if (!session || session.userId !== ref.userId) throw conversationNotFound('session');
      return session.lastSeq;
    }
    const group = readGroup(tables, ref.groupId);
    if (!group) throw conversationNotFound('group');
    return group.lastSeq;
  };

  const bumpConversation = (ref: ConversationRef, seq: number, at: string) => {
    if (ref.kind === 'session') {
      const session = readSession(tables, ref.sessionId)!;
      tables.sessions.set(ref.sessionId, {
        ...session,
        lastSeq: seq,
        updatedAt: laterIso(session.updatedAt, at),
      });
    } else {
      const group = readGroup(tables, ref.groupId)!;
      tables.groups.set(ref.groupId, {
        ...group,
        lastSeq: seq,
        updatedAt: laterIso(group.updatedAt, at),
      });
    }
  };

  const rowsOf = (ref: ConversationRef): MemoryMessageRow[] =>
    tables.messages.get(conversationKey(ref)) ?? [];

  return {
    // Everything below runs without an await, so each call is atomic on the event loop.
    async append(ref, message) {
      checkNewMessage(ref, message);
      const lastSeq = conversationLastSeq(ref);
      const rows = rowsOf(ref);
      if (message.clientMessageId !== undefined) {
        const key = idempotencyKey(message);
        const earlier = rows.find((r) => r.idempotencyKey === key);
        if (earlier) return { message: decodeRow(earlier), created: false };
      }
      const stored = prepareAppend(ref, message, lastSeq + 1);
      rows.push({
        id: stored.id,
        seq: stored.seq,
        idempotencyKey: idempotencyKey(stored),
        ref,
        doc: structuredClone(stored),
      });
      tables.messages.set(conversationKey(ref), rows);
      bumpConversation(ref, stored.seq, stored.createdAt);
      return { message: stored, created: true };
    },
    async findByClientId(ref, clientMessageId, authorId) {
      const key = authorClientKey(authorId, clientMessageId);
      const row = rowsOf(ref).find((r) => r.idempotencyKey === key);
      return row ? decodeRow(row) : null;
    },
    async get(ref, messageId) {
      const row = rowsOf(ref).find((r) => r.id === messageId);
      return row ? decodeRow(row) : null;
    },
    async list(ref, options) {
      return selectPage(rowsOf(ref), toPageRequest(options)).map(decodeRow);
    },
    async update(ref, messageId, patch) {
      const row = rowsOf(ref).find((r) => r.id === messageId);
      if (!row) return null;
      const next = applyPatch(decodeRow(row), patch);
      row.doc = structuredClone(next);
      return next;
    },
    async listStreaming() {
      const out: { ref: ConversationRef; message: Message }[] = [];
      for (const rows of tables.messages.values()) {
        for (const row of rows) {
          const message = decodeRow(row);
          if (message.status === 'streaming') out.push({ ref: row.ref, message });
        }
      }
      return out;
    },
  };
}
