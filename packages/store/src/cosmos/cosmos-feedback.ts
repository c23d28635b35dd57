import { answerFeedbackSchema, type AnswerFeedback, type FeedbackLog } from '@salescoach/domain';
import { feedbackKey } from '../validation/feedback-key.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';

/**
 * Feedback documents live in `questions` (partition key `/day`), one partition per
 * conversation (`feedback|<conversationId>`): a rater's own feedback is a single-partition
 * read; only the managers' per-topic counts query across partitions.
 */
interface FeedbackDoc {
  id: string;
  type: 'feedback';
  day: string;
  conversationId: string;
  userId: string;
  private: boolean;
  updatedAt: string;
  teamIds: string[];
  feedback: AnswerFeedback;
}

const partitionOf = (conversationId: string) => `feedback|${encodeURIComponent(conversationId)}`;

const toDoc = (r: AnswerFeedback): FeedbackDoc => ({
  id: feedbackKey(r),
  type: 'feedback',
  day: partitionOf(r.conversationId),
  conversationId: r.conversationId,
  userId: r.userId,
  private: r.private,
  updatedAt: r.updatedAt,
  teamIds: [...r.teamIds],
  feedback: r,
});

const fromDoc = (d: FeedbackDoc): AnswerFeedback =>
  decodeStored(answerFeedbackSchema, d.feedback, 'feedback', String(d.id));

export function createCosmosFeedback(ctx: CosmosContext): FeedbackLog {
  const c = ctx.questions;
  const inConversation = (
    operation: string,
    conversationId: string,
    where: string,
    params: { name: string; value: string | boolean }[],
  ) =>
    ctx.ops.query<FeedbackDoc>(
      operation,
      c,
      {
        query: `SELECT * FROM c WHERE c.type = 'feedback' AND c.conversationId = @c${where}`,
        parameters: [{ name: '@c', value: conversationId }, ...params],
      },
      partitionOf(conversationId),
    );

  return {
    async put(record) {
      const r = validateIncoming(answerFeedbackSchema, record, 'feedback');
      const found = await ctx.ops.read<FeedbackDoc>(
        'feedback.put',
        c,
        feedbackKey(r),
        partitionOf(r.conversationId),
      );
      const kept = found ? { ...r, createdAt: fromDoc(found.doc).createdAt } : r;
      await ctx.ops.upsert('feedback.put', c, toDoc(kept));
      return kept;
    },
    async remove(conversationId, userId, messageId) {
      return ctx.ops.delete(
        'feedback.remove',
        c,
        feedbackKey({ conversationId, userId, messageId }),
        partitionOf(conversationId),
      );
    },
    async listMine(conversationId, userId) {
      const docs = await inConversation('feedback.listMine', conversationId, ' AND c.userId = @u', [
        { name: '@u', value: userId },
      ]);
      return docs.map(fromDoc).sort((a, b) => feedbackKey(a).localeCompare(feedbackKey(b)));
    },
    async setPrivate(conversationId, isPrivate) {
      const docs = await inConversation(
        'feedback.setPrivate',
        conversationId,
        ' AND c.private = @p',
        [{ name: '@p', value: !isPrivate }],
      );
      for (const doc of docs)
        await ctx.ops.upsert(
          'feedback.setPrivate',
          c,
          toDoc({ ...fromDoc(doc), private: isPrivate }),
        );
      return docs.length;
    },
    async listForTeams({ teamIds, since }) {
      if (teamIds.length === 0) return [];
      const anyTeam = teamIds.map((_, i) => `ARRAY_CONTAINS(c.teamIds, @t${i})`).join(' OR ');
      const docs = await ctx.ops.query<FeedbackDoc>('feedback.listForTeams', c, {
        query: `SELECT * FROM c WHERE c.type = 'feedback' AND c.private = false AND c.updatedAt >= @since AND (${anyTeam})`,
        parameters: [
          { name: '@since', value: since },
          ...teamIds.map((value, i) => ({ name: `@t${i}`, value })),
        ],
      });
      return docs.map(fromDoc);
    },
  };
}
