import type { NewMessage, MessageRepository } from '../ports/message-repository.port.js';
import type { ConversationRef, Message } from '../model/message.js';
import { conversationId, emptyAttachments } from '../model/message.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';

/** A message a person writes, ready to append (the store assigns its seq). */
export function newUserMessage(
  ref: ConversationRef,
  user: User,
  content: string,
  clientMessageId: string,
  now: string,
  links: { readonly parentId?: string; readonly versionOf?: string } = {},
): NewMessage {
  return {
    id: newId(),
    conversationId: conversationId(ref),
    conversationKind: ref.kind,
    author: { kind: 'user', userId: user.id, name: user.name },
    content,
    attachments: emptyAttachments(),
    toolCalls: [],
    status: 'complete',
    clientMessageId,
    ...(links.parentId ? { parentId: links.parentId } : {}),
    ...(links.versionOf ? { versionOf: links.versionOf } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A message this author already stored under this clientMessageId (the key is its author's:
 * another member's message with the same key is not a retry), among the conversation's recent ones
 * (cached): a retried send normally arrives within seconds of the first. The store's append
 * is idempotent as well, for retries that race.
 */
export async function findRecentByClientId(
  messages: MessageRepository,
  ref: ConversationRef,
  clientMessageId: string,
  authorId: string,
): Promise<Message | undefined> {
  const recent = await messages.list(ref, { limit: 20 });
  return recent.find(
    (m) =>
      m.clientMessageId === clientMessageId &&
      m.author.kind === 'user' &&
      m.author.userId === authorId,
  );
}
