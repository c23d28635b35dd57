import { conversationId, type ConversationRef } from '@salescoach/domain';

/** A map key for a conversation (`session:<id>` or `group:<id>`). */
export function conversationKey(ref: ConversationRef): string {
  return `${ref.kind}:${conversationId(ref)}`;
}
