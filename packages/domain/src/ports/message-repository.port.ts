import type { ConversationRef, Message } from '../model/message.js';

/** What a caller gives to append; the store assigns `seq` (next after the conversation's lastSeq). */
export type NewMessage = Omit<Message, 'seq'>;

export interface AppendResult {
  readonly message: Message;
  /** False when `clientMessageId` matched an earlier append: the first message is returned. */
  readonly created: boolean;
}

export type MessagePatch = Partial<
  Pick<
    Message,
    | 'content'
    | 'status'
    | 'attachments'
    | 'toolCalls'
    | 'error'
    | 'updatedAt'
    | 'editedAt'
    | 'deletedAt'
  >
>;

export const MAX_PAGE_SIZE = 200;

export interface MessageRepository {
  /**
   * Appends atomically: `seq` is lastSeq + 1 of the conversation, gap-free and unique even
   * with concurrent writers; the conversation's lastSeq/updatedAt move in the same
   * transaction. Idempotent on `clientMessageId` within a conversation, per author
   * (the same key from another author is another message).
   */
  append(ref: ConversationRef, message: NewMessage): Promise<AppendResult>;
  get(ref: ConversationRef, messageId: string): Promise<Message | null>;
  /**
   * The message this author appended under this clientMessageId, if any (the key is its
   * author's: another author's message with the same key is not returned).
   */
  findByClientId(
    ref: ConversationRef,
    clientMessageId: string,
    authorId: string,
  ): Promise<Message | null>;
  /** Ascending by seq; `beforeSeq` pages backwards; limit capped at MAX_PAGE_SIZE. */
  list(
    ref: ConversationRef,
    options: { beforeSeq?: number; afterSeq?: number; limit: number },
  ): Promise<Message[]>;
  update(ref: ConversationRef, messageId: string, patch: MessagePatch): Promise<Message | null>;
  /** Assistant messages left `streaming` (e.g. by a crash); used at start-up to mark them interrupted. */
  listStreaming(): Promise<{ ref: ConversationRef; message: Message }[]>;
}
