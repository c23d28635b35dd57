import { answerFeedbackSchema, type FeedbackLog } from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { feedbackKey } from '../validation/feedback-key.js';

/** Answer feedback in a map by (conversation, rater, answer), documents validated on read. */
export function createMemoryFeedback(rows: Map<string, unknown>): FeedbackLog {
  const all = () =>
    [...rows].map(([key, doc]) => decodeStored(answerFeedbackSchema, doc, 'feedback', key));
  return {
    async put(record) {
      const r = validateIncoming(answerFeedbackSchema, record, 'feedback');
      const key = feedbackKey(r);
      const before = rows.get(key);
      const kept = before
        ? { ...r, createdAt: decodeStored(answerFeedbackSchema, before, 'feedback', key).createdAt }
        : r;
      // As JSON, like the other stores: an undefined field is not kept.
      rows.set(key, JSON.parse(JSON.stringify(kept)));
      return kept;
    },
    async remove(conversationId, userId, messageId) {
      return rows.delete(feedbackKey({ conversationId, userId, messageId }));
    },
    async listMine(conversationId, userId) {
      return all().filter((r) => r.conversationId === conversationId && r.userId === userId);
    },
    async setPrivate(conversationId, isPrivate) {
      let changed = 0;
      for (const r of all()) {
        if (r.conversationId !== conversationId || r.private === isPrivate) continue;
        rows.set(feedbackKey(r), { ...r, private: isPrivate });
        changed += 1;
      }
      return changed;
    },
    async listForTeams({ teamIds, since }) {
      return all().filter(
        (r) => !r.private && r.updatedAt >= since && r.teamIds.some((t) => teamIds.includes(t)),
      );
    },
  };
}
