import type { Container, OperationInput, SqlParameter } from '@azure/cosmos';
import {
  conversationId,
  DomainError,
  DomainErrorCode,
  notFound,
  type ConversationRef,
  type Message,
  type MessageRepository,
} from '@salescoach/domain';
import { toPageRequest } from '../paging/page-request.js';
import { authorClientKey, idempotencyKey } from '../validation/idempotency-key.js';
import {
  applyPatch,
  checkNewMessage,
  laterIso,
  prepareAppend,
} from '../validation/message-input.js';
import {
  backoff,
  MAX_ATTEMPTS,
  replaceOptimistically,
  type CosmosContext,
} from './cosmos-context.js';
import {
  fromGroupDoc,
  fromMessageDoc,
  fromSessionDoc,
  groupDocId,
  messageDocId,
  partitionKeyOf,
  RECENT_CLIENT_IDS,
  refOfMessageDoc,
  sessionDocId,
  toMessageDoc,
  type GroupDoc,
  type MessageDoc,
  type SessionDoc,
} from './cosmos-documents.js';
import { withoutSystemFields } from './cosmos-operations.js';

type ConversationDoc = SessionDoc | GroupDoc;

/**
 * Messages live beside their conversation doc, in its partition. An append reads the
 * conversation doc (lastSeq + etag) and commits, in ONE transactional batch, the
 * conversation doc replaced with lastSeq + 1 (if-match that etag) and the new message doc
 * (id ending in the seq). A concurrent writer makes the etag stale, the batch fails as a
 * whole, and the loser retries from a fresh read: seq stays gap-free and unique.
 */
export function createCosmosMessages(ctx: CosmosContext): MessageRepository {
  const containerOf = (ref: ConversationRef): Container =>
    ref.kind === 'session' ? ctx.sessions : ctx.groups;
  const conversationDocId = (ref: ConversationRef) =>
    ref.kind === 'session' ? sessionDocId(ref.sessionId) : groupDocId(ref.groupId);
  /** The partition key filter is repeated in the WHERE clause: some emulators ignore the header. */
  const inPartition = (ref: ConversationRef) =>
    `c.${ref.kind === 'session' ? 'userId' : 'groupId'} = @pk`;
  const lastSeqOf = (doc: ConversationDoc) =>
    doc.type === 'session' ? fromSessionDoc(doc).lastSeq : fromGroupDoc(doc).lastSeq;

  const readBySeq = async (ref: ConversationRef, seq: number): Promise<Message | null> => {
    const found = await ctx.ops.read<MessageDoc>(
      'message.get',
      containerOf(ref),
      messageDocId(ref, seq),
      partitionKeyOf(ref),
    );
    return found ? fromMessageDoc(found.doc) : null;
  };

  const query = async (
    operation: string,
    ref: ConversationRef,
    field: 'messageId' | 'clientMessageId',
    value: string,
  ) => {
    const docs = await ctx.ops.query<MessageDoc>(
      operation,
      containerOf(ref),
      {
        query: `SELECT * FROM c WHERE ${inPartition(ref)} AND c.type = 'message' AND c.conversationId = @c AND c.${field} = @v`,
        parameters: [
          { name: '@pk', value: partitionKeyOf(ref) },
          { name: '@c', value: conversationId(ref) },
          { name: '@v', value },
        ],
      },
      partitionKeyOf(ref),
    );
    return docs;
  };

  const findAll = (operation: string, ref: ConversationRef, clientMessageId: string) =>
    query(operation, ref, 'clientMessageId', clientMessageId);
  const findOne = async (
    operation: string,
    ref: ConversationRef,
    field: 'messageId',
    value: string,
  ) => (await query(operation, ref, field, value))[0] ?? null;

  /** This author's earlier append with this clientMessageId (the key is its author's). */
  const earlierAppend = async (
    operation: string,
    ref: ConversationRef,
    doc: ConversationDoc,
    authorId: string,
    clientMessageId: string,
  ): Promise<Message | null> => {
    const key = authorClientKey(authorId, clientMessageId);
    const recent = doc.recentClientIds.find(([id]) => id === key);
    if (recent) return readBySeq(ref, recent[1]);
    // Older than the recent list: one query inside the partition.
    if (doc.recentClientIds.length < RECENT_CLIENT_IDS) return null;
    const candidates = await findAll(operation, ref, clientMessageId);
    const found = candidates.find((c) => idempotencyKey(c.message) === key);
    return found ? fromMessageDoc(found) : null;
  };
  const readConversation = (operation: string, ref: ConversationRef) =>
    ctx.ops.read<ConversationDoc>(
      operation,
      containerOf(ref),
      conversationDocId(ref),
      partitionKeyOf(ref),
    );

  return {
    async append(ref, message) {
      checkNewMessage(ref, message);
      const container = containerOf(ref);
      const partitionKey = partitionKeyOf(ref);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const found = await readConversation('message.append', ref);
        if (!found) throw notFound(ref.kind === 'session' ? 'Session' : 'Group');
        const conversation = found.doc;
        if (message.clientMessageId !== undefined) {
          const authorId = message.author.kind === 'user' ? message.author.userId : '';
          const earlier = await earlierAppend(
            'message.append',
            ref,
            conversation,
            authorId,
            message.clientMessageId,
          );
          if (earlier) return { message: earlier, created: false };
        }
        const stored = prepareAppend(ref, message, lastSeqOf(conversation) + 1);
        const updatedAt = laterIso(conversation.updatedAt, stored.createdAt);
        const recentClientIds =
          stored.clientMessageId === undefined
            ? conversation.recentClientIds
            : [
                ...conversation.recentClientIds,
                [idempotencyKey(stored) ?? '', stored.seq] as [string, number],
              ].slice(-RECENT_CLIENT_IDS);
        const next = {
          ...withoutSystemFields(conversation),
          lastSeq: stored.seq,
          updatedAt,
          updatedMs: Date.parse(updatedAt),
          recentClientIds,
        };
        // Order matters for emulators that apply a batch without rollback: the guarded
        // replace runs first, so a lost race changes nothing.
        const operations: OperationInput[] = [
          {
            operationType: 'Replace',
            id: conversation.id,
            partitionKey,
            ifMatch: found.etag,
            resourceBody: { ...next },
          },
          { operationType: 'Create', partitionKey, resourceBody: { ...toMessageDoc(ref, stored) } },
        ];
        if (
          (await ctx.ops.batch('message.append', container, partitionKey, operations)) ===
          'committed'
        ) {
          return { message: stored, created: true };
        }
        await backoff(attempt);
      }
      throw new DomainError(
        DomainErrorCode.Conflict,
        'Too many concurrent writers on this conversation; try again',
      );
    },
    async findByClientId(ref, clientMessageId, authorId) {
      const found = await readConversation('message.findByClientId', ref);
      if (!found) return null;
      return earlierAppend('message.findByClientId', ref, found.doc, authorId, clientMessageId);
    },
    async get(ref, messageId) {
      const doc = await findOne('message.get', ref, 'messageId', messageId);
      return doc ? fromMessageDoc(doc) : null;
    },
    async list(ref, options) {
      const page = toPageRequest(options);
      const parameters: SqlParameter[] = [
        { name: '@pk', value: partitionKeyOf(ref) },
        { name: '@c', value: conversationId(ref) },
      ];
      let filter = `${inPartition(ref)} AND c.type = 'message' AND c.conversationId = @c`;
      if (page.beforeSeq !== undefined) {
        filter += ' AND c.seq < @before';
        parameters.push({ name: '@before', value: page.beforeSeq });
      }
      if (page.afterSeq !== undefined) {
        filter += ' AND c.seq > @after';
        parameters.push({ name: '@after', value: page.afterSeq });
      }
      const order = page.direction === 'forward' ? 'ASC' : 'DESC';
      const docs = await ctx.ops.query<MessageDoc>(
        'message.list',
        containerOf(ref),
        {
          query: `SELECT TOP ${page.limit} * FROM c WHERE ${filter} ORDER BY c.seq ${order}`,
          parameters,
        },
        partitionKeyOf(ref),
      );
      const messages = docs.map(fromMessageDoc);
      return page.direction === 'forward' ? messages : messages.reverse();
    },
    async update(ref, messageId, patch) {
      const doc = await findOne('message.update', ref, 'messageId', messageId);
      if (!doc) return null;
      const result = await replaceOptimistically<MessageDoc>(
        ctx,
        'message.update',
        containerOf(ref),
        doc.id,
        partitionKeyOf(ref),
        (current) => {
          const next = applyPatch(fromMessageDoc(current), patch);
          return { ...withoutSystemFields(current), status: next.status, message: next };
        },
      );
      return result ? fromMessageDoc(result.after) : null;
    },
    async listStreaming() {
      // Start-up recovery only: the one cross-partition query of this adapter.
      const query = {
        query: "SELECT * FROM c WHERE c.type = 'message' AND c.status = 'streaming'",
      };
      const docs = [
        ...(await ctx.ops.query<MessageDoc>('message.listStreaming', ctx.sessions, query)),
        ...(await ctx.ops.query<MessageDoc>('message.listStreaming', ctx.groups, query)),
      ];
      return docs.map((doc) => ({ ref: refOfMessageDoc(doc), message: fromMessageDoc(doc) }));
    },
  };
}
