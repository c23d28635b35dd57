/**
 * The key of one rater's feedback on one answer. Each part is URI-encoded, so the key holds
 * no `/`, `\`, `?` or `#` (not allowed in Cosmos ids) and no part can run into another.
 */
export const feedbackKey = (r: {
  conversationId: string;
  userId: string;
  messageId: string;
}): string =>
  ['feedback', r.conversationId, r.userId, r.messageId].map(encodeURIComponent).join('|');
