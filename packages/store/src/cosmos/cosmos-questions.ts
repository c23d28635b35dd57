import type { QuestionLog, QuestionRecord } from '@salescoach/domain';
import { questionRecordSchema } from '../validation/question-record-schema.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';

interface QuestionDoc extends QuestionRecord {
  type: 'question';
  /** Partition key: the UTC day asked, so writes spread over partitions as days pass. */
  day: string;
  askedMs: number;
}

export function createCosmosQuestions(ctx: CosmosContext): QuestionLog {
  return {
    async add(record) {
      const q = validateIncoming(questionRecordSchema, record, 'question');
      const askedMs = Date.parse(q.askedAt);
      const doc: QuestionDoc = {
        ...q,
        type: 'question',
        day: new Date(askedMs).toISOString().slice(0, 10),
        askedMs,
      };
      await ctx.ops.create('question.add', ctx.questions, doc);
    },
    async recent({ limit, since }) {
      const top = Math.max(0, Math.floor(limit));
      if (top === 0) return [];
      // Insights read: crosses day partitions, never on the message path.
      const docs = await ctx.ops.query<QuestionDoc>('question.recent', ctx.questions, {
        query: `SELECT TOP ${top} * FROM c WHERE c.type = 'question' AND c.askedMs >= @since ORDER BY c.askedMs DESC`,
        parameters: [{ name: '@since', value: since === undefined ? 0 : Date.parse(since) }],
      });
      return docs.map((d) =>
        decodeStored(
          questionRecordSchema,
          {
            id: d.id,
            text: d.text,
            role: d.role,
            conversationKind: d.conversationKind,
            askedAt: d.askedAt,
            terms: d.terms,
            ...(d.vector === undefined ? {} : { vector: d.vector }),
          },
          'question',
          String(d.id),
        ),
      );
    },
  };
}
