import { DomainError, DomainErrorCode, invalid } from '../errors/domain-error.js';
import type { ConversationRef, Message } from '../model/message.js';
import { streamName } from '../model/message.js';
import type { EventLog } from '../ports/event-log.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import { MAX_PAGE_SIZE } from '../ports/message-repository.port.js';

export interface MessagePage {
  readonly messages: Message[];
  /** Subscribe with this id to get every event after this page without a gap. */
  readonly lastEventId: string | null;
  readonly hasMore: boolean;
}

/**
 * A page of a conversation's history (newest `limit` before `before`), ascending by seq.
 * Deleted messages are left out (so a page may hold fewer); `before` pages on by seq.
 */
export async function readMessagePage(
  log: EventLog,
  messages: MessageRepository,
  ref: ConversationRef,
  input: { before?: number; limit?: number },
): Promise<MessagePage> {
  // Read the log position BEFORE the messages, so a subscription from it misses nothing.
  const lastEventId = (await log.latestId(streamName(ref))) ?? null;
  const limit = Math.min(Math.max(input.limit ?? 50, 1), MAX_PAGE_SIZE);
  // One more than asked tells whether more is left; at the store's largest page that one
  // cannot come with it, so it is asked for on its own.
  const page = await messages.list(ref, {
    beforeSeq: input.before,
    limit: Math.min(limit + 1, MAX_PAGE_SIZE),
  });
  if (page.length > limit)
    return { messages: shown(page.slice(page.length - limit)), lastEventId, hasMore: true };
  const oldest = page[0];
  const hasMore =
    limit === MAX_PAGE_SIZE && page.length === limit && oldest !== undefined
      ? (await messages.list(ref, { beforeSeq: oldest.seq, limit: 1 })).length > 0
      : false;
  return { messages: shown(page), lastEventId, hasMore };
}

const shown = (messages: Message[]): Message[] => messages.filter((m) => !m.deletedAt);

/** The text a user may send: trimmed, not empty, within the length limit. */
export function acceptableContent(content: string, maxChars: number): string {
  const trimmed = content.trim();
  if (!trimmed) throw invalid('A message cannot be empty');
  if (trimmed.length > maxChars) {
    throw new DomainError(
      DomainErrorCode.LimitExceeded,
      `A message can be at most ${maxChars} characters (this one has ${trimmed.length})`,
    );
  }
  return trimmed;
}
