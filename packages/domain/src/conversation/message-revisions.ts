import { forbidden, invalid, notFound } from '../errors/domain-error.js';
import type { ConversationRef, Message } from '../model/message.js';
import { emptyAttachments } from '../model/message.js';
import type { User } from '../model/user.js';
import type { MessageRepository } from '../ports/message-repository.port.js';

/**
 * A person's own message in a conversation the caller has authorized: NOT_FOUND when there is
 * none (or it was deleted), FORBIDDEN when someone else (or the coach) wrote it.
 */
export async function requireOwnMessage(
  messages: MessageRepository,
  user: User,
  ref: ConversationRef,
  messageId: string,
): Promise<Message> {
  const message = await messages.get(ref, messageId);
  if (!message || message.deletedAt) throw notFound('Message');
  if (message.author.kind !== 'user' || message.author.userId !== user.id)
    throw forbidden('You can only change your own messages');
  return message;
}

/** The question an answer answers: its parent, which must be a person's message. */
export async function questionOfAnswer(
  messages: MessageRepository,
  ref: ConversationRef,
  answerId: string,
): Promise<Message> {
  const answer = await messages.get(ref, answerId);
  if (!answer || answer.author.kind !== 'assistant') throw notFound('Answer');
  const question = answer.parentId
    ? await messages.get(ref, answer.parentId)
    : (await messages.list(ref, { beforeSeq: answer.seq, limit: 1 }))[0];
  if (!question || question.author.kind !== 'user' || question.deletedAt)
    throw invalid('This answer has no question to answer again');
  return question;
}

/** Changes a message's text in place (its author only) and marks it edited. */
export async function reviseMessage(
  messages: MessageRepository,
  user: User,
  ref: ConversationRef,
  input: { messageId: string; content: string; now: string },
): Promise<Message> {
  await requireOwnMessage(messages, user, ref, input.messageId);
  const updated = await messages.update(ref, input.messageId, {
    content: input.content,
    editedAt: input.now,
    updatedAt: input.now,
  });
  if (!updated) throw notFound('Message');
  return updated;
}

/**
 * Deletes a message (its author only): its text and attachments are gone; the record stays
 * as a tombstone, so seq stays gap-free, and no page or coach context shows it again.
 */
export async function deleteMessage(
  messages: MessageRepository,
  user: User,
  ref: ConversationRef,
  input: { messageId: string; now: string },
): Promise<Message> {
  await requireOwnMessage(messages, user, ref, input.messageId);
  const deleted = await messages.update(ref, input.messageId, {
    content: '',
    attachments: emptyAttachments(),
    deletedAt: input.now,
    updatedAt: input.now,
  });
  if (!deleted) throw notFound('Message');
  return deleted;
}
