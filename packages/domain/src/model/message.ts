import { z } from 'zod';
import { chartSpecSchema, tableDataSchema } from './chart.js';
import { idSchema, isoDateSchema } from './ids.js';

export const MESSAGE_CONTENT_MAX = 100_000;

export const authorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    userId: z.string().min(1).max(200),
    name: z.string().max(200),
  }),
  z.object({ kind: z.literal('assistant'), name: z.string().max(200) }),
]);
export type Author = z.infer<typeof authorSchema>;

export const toolCallRecordSchema = z.object({
  id: z.string().max(200),
  server: z.string().max(100),
  tool: z.string().max(200),
  /** `awaiting_approval`: not run; it runs once someone allowed to approves it (see approvalId). */
  status: z.enum(['running', 'ok', 'failed', 'refused', 'awaiting_approval']),
  durationMs: z.number().min(0),
  error: z.string().max(1_000).optional(),
  /** The request for approval this call waits on. */
  approvalId: idSchema.optional(),
});
export type ToolCallRecord = z.infer<typeof toolCallRecordSchema>;

export const attachmentsSchema = z.object({
  tables: z.array(tableDataSchema).max(20),
  charts: z.array(chartSpecSchema).max(20),
});
export type Attachments = z.infer<typeof attachmentsSchema>;

/**
 * `streaming`: an answer being written (persisted at its start, so a crash leaves a trace);
 * it ends as `complete`, `interrupted` (stopped or cut off) or `failed`.
 */
export const messageStatusSchema = z.enum(['streaming', 'complete', 'interrupted', 'failed']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const conversationKindSchema = z.enum(['session', 'group']);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  conversationKind: conversationKindSchema,
  seq: z.number().int().positive(),
  author: authorSchema,
  content: z.string().max(MESSAGE_CONTENT_MAX),
  attachments: attachmentsSchema,
  toolCalls: z.array(toolCallRecordSchema).max(50),
  status: messageStatusSchema,
  /** Which model wrote an assistant message; the UI shows "offline model" for `offline`. */
  model: z.object({ provider: z.string().max(50), name: z.string().max(200) }).optional(),
  /** Why an answer failed, safe to show a user. */
  error: z.string().max(1_000).optional(),
  clientMessageId: z.string().min(1).max(100).optional(),
  /**
   * The message this one follows (1-on-1 chat: an answer to an edited question, a
   * regenerated answer, a message sent on an earlier branch). Absent: it follows the
   * message just before it by seq. See docs/adr/0005-message-versions.md.
   */
  parentId: idSchema.optional(),
  /** An edit: this message is a new version of that one, in its place (the same parent). */
  versionOf: idSchema.optional(),
  /** When its author last changed it in place (rooms). */
  editedAt: isoDateSchema.optional(),
  /** When its author deleted it (rooms): its content is gone; it stays so seq stays gap-free. */
  deletedAt: isoDateSchema.optional(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Message = z.infer<typeof messageSchema>;

export const emptyAttachments = (): Attachments => ({ tables: [], charts: [] });

/** Where a conversation lives; the user id or group id is also its storage partition. */
export type ConversationRef =
  | { readonly kind: 'session'; readonly userId: string; readonly sessionId: string }
  | { readonly kind: 'group'; readonly groupId: string };

export function conversationId(ref: ConversationRef): string {
  return ref.kind === 'session' ? ref.sessionId : ref.groupId;
}

/** The event-log stream a conversation's live events go to. */
export function streamName(ref: ConversationRef): string {
  return ref.kind === 'session' ? `session:${ref.sessionId}` : `group:${ref.groupId}`;
}
