import type { NewMessage } from '@salescoach/domain';

const SEPARATOR = '\u001f';

/** The key of a person's clientMessageId (an assistant's messages have no author id: ''). */
export const authorClientKey = (authorId: string, clientMessageId: string) =>
  `${authorId}${SEPARATOR}${clientMessageId}`;

/**
 * A clientMessageId belongs to its author: the same key sent by someone else in the same
 * room is a different message. Stores look earlier appends up by this key (author id and
 * clientMessageId), never by the clientMessageId alone; the message keeps the client's value.
 */
export function idempotencyKey(message: Pick<NewMessage, 'author' | 'clientMessageId'>) {
  return message.clientMessageId === undefined
    ? undefined
    : authorClientKey(
        message.author.kind === 'user' ? message.author.userId : '',
        message.clientMessageId,
      );
}
