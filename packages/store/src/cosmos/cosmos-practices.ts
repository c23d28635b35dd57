import {
  DomainError,
  DomainErrorCode,
  practiceSchema,
  type Practice,
  type PracticeRepository,
} from '@salescoach/domain';
import { changedPractice } from '../validation/practice-change.js';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import { replaceOptimistically, type CosmosContext } from './cosmos-context.js';
import { withoutSystemFields } from './cosmos-operations.js';

/** A practice document lives in `sessions`, in its rep's partition, beside their sessions. */
interface PracticeDoc {
  id: string;
  type: 'practice';
  userId: string;
  sessionId: string;
  createdMs: number;
  practice: Practice;
}

const practiceDocId = (practiceId: string) => `practice:${practiceId}`;

const toDoc = (practice: Practice): PracticeDoc => ({
  id: practiceDocId(practice.id),
  type: 'practice',
  userId: practice.userId,
  sessionId: practice.sessionId,
  createdMs: Date.parse(practice.createdAt),
  practice,
});

const fromDoc = (doc: PracticeDoc): Practice =>
  decodeStored(practiceSchema, doc.practice, 'practice', String(doc.id));

export function createCosmosPractices(ctx: CosmosContext): PracticeRepository {
  const query = (
    operation: string,
    userId: string,
    where: string,
    extra: { name: string; value: string }[],
    top?: number,
  ) =>
    ctx.ops.query<PracticeDoc>(
      operation,
      ctx.sessions,
      {
        query: `SELECT ${top === undefined ? '' : `TOP ${top} `}* FROM c WHERE c.userId = @pk AND c.type = 'practice'${where} ORDER BY c.createdMs DESC`,
        parameters: [{ name: '@pk', value: userId }, ...extra],
      },
      userId,
    );
  return {
    async create(practice) {
      const valid = validateIncoming(practiceSchema, practice, 'practice');
      if (!(await ctx.ops.create('practice.create', ctx.sessions, toDoc(valid))))
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already exists');
      return valid;
    },
    async get(userId, practiceId) {
      const found = await ctx.ops.read<PracticeDoc>(
        'practice.get',
        ctx.sessions,
        practiceDocId(practiceId),
        userId,
      );
      return found ? fromDoc(found.doc) : null;
    },
    async getBySession(userId, sessionId) {
      const [doc] = await query(
        'practice.bySession',
        userId,
        ' AND c.sessionId = @s',
        [{ name: '@s', value: sessionId }],
        1,
      );
      return doc ? fromDoc(doc) : null;
    },
    async listByUser(userId, { limit }) {
      const top = Math.max(0, Math.floor(limit));
      if (top === 0) return [];
      return (await query('practice.list', userId, '', [], top)).map(fromDoc);
    },
    async update(userId, practiceId, change) {
      const result = await replaceOptimistically<PracticeDoc>(
        ctx,
        'practice.update',
        ctx.sessions,
        practiceDocId(practiceId),
        userId,
        (doc) => {
          const current = fromDoc(doc);
          const next = changedPractice(current, change);
          return { ...withoutSystemFields(doc), practice: next };
        },
      );
      return result ? fromDoc(result.after) : null;
    },
  };
}
