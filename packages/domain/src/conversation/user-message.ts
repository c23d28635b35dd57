import type { NewMessage } from '../ports/message-repository.port.js';
import type { ConversationRef } from '../model/message.js';
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
