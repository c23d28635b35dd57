import {
  conversationId,
  messageSchema,
  notFound,
  type ConversationRef,
  type Message,
  type MessageRepository,
} from '@salescoach/domain';
import type { DatabaseSync } from 'node:sqlite';
import { toPageRequest } from '../paging/page-request.js';
import { applyPatch, checkNewMessage, prepareAppend } from '../validation/message-input.js';
import { authorClientKey, idempotencyKey } from '../validation/idempotency-key.js';
import { decodeStoredJson } from '../validation/stored-document.js';
import { inWriteTransaction } from './transaction.js';

export interface MessageRow {
  conversation_kind: string;
  conversation_id: string;
  partition_key: string;
  seq: number;
  doc: string;
}

const partitionOf = (ref: ConversationRef) => (ref.kind === 'session' ? ref.userId : ref.groupId);
export const decodeRow = (row: MessageRow): Message =>
  decodeStoredJson(
    messageSchema,
    row.doc,
    'message',
    `${row.conversation_kind}/${row.conversation_id}/${row.seq}`,
  );

/** The conversation a stored row belongs to (a session's partition is its owner). */
export const refOfRow = (row: MessageRow): ConversationRef =>
  row.conversation_kind === 'session'
    ? { kind: 'session', userId: row.partition_key, sessionId: row.conversation_id }
    : { kind: 'group', groupId: row.conversation_id };

export function createSqliteMessages(db: DatabaseSync): MessageRepository {
  const where = 'conversation_kind = ? AND conversation_id = ? AND partition_key = ?';
  const selectByClientId = db.prepare(
    `SELECT * FROM messages WHERE ${where} AND client_message_id = ?`,
  );
  const selectById = db.prepare(`SELECT * FROM messages WHERE ${where} AND id = ?`);
  const selectBackward = db.prepare(
    `SELECT * FROM messages WHERE ${where} AND seq < ? AND seq > ? ORDER BY seq DESC LIMIT ?`,
  );
  const selectForward = db.prepare(
    `SELECT * FROM messages WHERE ${where} AND seq < ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
  );
  const selectStreaming = db.prepare(
    "SELECT * FROM messages WHERE status = 'streaming' ORDER BY conversation_id, seq",
  );
  const selectSessionSeq = db.prepare('SELECT last_seq FROM sessions WHERE id = ? AND user_id = ?');
  const selectGroupSeq = db.prepare('SELECT last_seq FROM groups WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO messages (conversation_kind, conversation_id, seq, partition_key, id, client_message_id, status, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const moveConversation = (table: 'sessions' | 'groups') =>
    db.prepare(
      `UPDATE ${table} SET last_seq = ?,
         updated_at = CASE WHEN updated_ms < ? THEN ? ELSE updated_at END,
         updated_ms = MAX(updated_ms, ?)
       WHERE id = ?`,
    );
  const moveSession = moveConversation('sessions');
  const moveGroup = moveConversation('groups');
  const updateDoc = db.prepare(
    `UPDATE messages SET status = ?, doc = ? WHERE ${where} AND seq = ?`,
  );

  const keyOf = (ref: ConversationRef) =>
    [ref.kind, conversationId(ref), partitionOf(ref)] as const;

  const lastSeqOf = (ref: ConversationRef): number => {
    const row = (
      ref.kind === 'session'
        ? selectSessionSeq.get(ref.sessionId, ref.userId)
        : selectGroupSeq.get(ref.groupId)
    ) as { last_seq: number } | undefined;
    if (!row) throw notFound(ref.kind === 'session' ? 'Session' : 'Group');
    return row.last_seq;
  };

  return {
    async append(ref, message) {
      checkNewMessage(ref, message);
      return inWriteTransaction(db, () => {
        if (message.clientMessageId !== undefined) {
          const earlier = selectByClientId.get(...keyOf(ref), idempotencyKey(message) ?? null) as
            MessageRow | undefined;
          if (earlier) return { message: decodeRow(earlier), created: false };
        }
        const stored = prepareAppend(ref, message, lastSeqOf(ref) + 1);
        insert.run(
          ...keyOf(ref).slice(0, 2),
          stored.seq,
          partitionOf(ref),
          stored.id,
          idempotencyKey(stored) ?? null,
          stored.status,
          JSON.stringify(stored),
        );
        const at = Date.parse(stored.createdAt);
        (ref.kind === 'session' ? moveSession : moveGroup).run(
          stored.seq,
          at,
          stored.createdAt,
          at,
          conversationId(ref),
        );
        return { message: stored, created: true };
      });
    },
    async get(ref, messageId) {
      const row = selectById.get(...keyOf(ref), messageId) as MessageRow | undefined;
      return row ? decodeRow(row) : null;
    },
    async findByClientId(ref, clientMessageId, authorId) {
      const key = authorClientKey(authorId, clientMessageId);
      const row = selectByClientId.get(...keyOf(ref), key) as MessageRow | undefined;
      return row ? decodeRow(row) : null;
    },
    async list(ref, options) {
      const page = toPageRequest(options);
      const before = page.beforeSeq ?? Number.MAX_SAFE_INTEGER;
      const after = page.afterSeq ?? Number.MIN_SAFE_INTEGER;
      if (page.direction === 'forward') {
        return (
          selectForward.all(...keyOf(ref), before, after, page.limit) as unknown as MessageRow[]
        ).map(decodeRow);
      }
      return (
        selectBackward.all(...keyOf(ref), before, after, page.limit) as unknown as MessageRow[]
      )
        .map(decodeRow)
        .reverse();
    },
    async update(ref, messageId, patch) {
      return inWriteTransaction(db, () => {
        const row = selectById.get(...keyOf(ref), messageId) as MessageRow | undefined;
        if (!row) return null;
        const next = applyPatch(decodeRow(row), patch);
        updateDoc.run(next.status, JSON.stringify(next), ...keyOf(ref), row.seq);
        return next;
      });
    },
    async listStreaming() {
      return (selectStreaming.all() as unknown as MessageRow[]).map((row) => ({
        ref: refOfRow(row),
        message: decodeRow(row),
      }));
    },
  };
}
