import {
  DomainError,
  DomainErrorCode,
  sessionSchema,
  type SessionRepository,
} from '@salescoach/domain';
import { validateIncoming } from '../validation/stored-document.js';
import {
  deleteConversationMessages,
  replaceOptimistically,
  type CosmosContext,
} from './cosmos-context.js';
import { fromSessionDoc, sessionDocId, toSessionDoc, type SessionDoc } from './cosmos-documents.js';
import { withoutSystemFields } from './cosmos-operations.js';

export function createCosmosSessions(ctx: CosmosContext): SessionRepository {
  return {
    async create(session) {
      const valid = validateIncoming(sessionSchema, session, 'session');
      if (!(await ctx.ops.create('session.create', ctx.sessions, toSessionDoc(valid)))) {
        throw new DomainError(DomainErrorCode.Conflict, 'Session already exists');
      }
      return valid;
    },
    async get(userId, sessionId) {
      const found = await ctx.ops.read<SessionDoc>(
        'session.get',
        ctx.sessions,
        sessionDocId(sessionId),
        userId,
      );
      return found ? fromSessionDoc(found.doc) : null;
    },
    async listByUser(userId, { limit, pinned }) {
      const top = Math.max(0, Math.floor(limit));
      if (top === 0) return [];
      const docs = await ctx.ops.query<SessionDoc>(
        'session.list',
        ctx.sessions,
        {
          query: `SELECT TOP ${top} * FROM c WHERE c.userId = @pk AND c.type = 'session' AND (NOT IS_DEFINED(c.kind) OR c.kind = 'chat')${pinned ? ' AND c.pinned = true' : ''} ORDER BY c.updatedMs DESC`,
          parameters: [{ name: '@pk', value: userId }],
        },
        userId,
      );
      return docs.map(fromSessionDoc);
    },
    async rename(userId, sessionId, title) {
      const result = await replaceOptimistically<SessionDoc>(
        ctx,
        'session.rename',
        ctx.sessions,
        sessionDocId(sessionId),
        userId,
        (doc) => {
          const next = validateIncoming(
            sessionSchema,
            { ...fromSessionDoc(doc), title },
            'session',
          );
          return { ...withoutSystemFields(doc), title: next.title };
        },
      );
      return result ? fromSessionDoc(result.after) : null;
    },
    async mark(userId, sessionId, flags) {
      const result = await replaceOptimistically<SessionDoc>(
        ctx,
        'session.mark',
        ctx.sessions,
        sessionDocId(sessionId),
        userId,
        (doc) => ({ ...withoutSystemFields(doc), ...flags }),
      );
      return result ? fromSessionDoc(result.after) : null;
    },
    async delete(userId, sessionId) {
      // The session doc goes first: once it is gone the messages are unreachable, so a
      // crash half-way leaves only invisible leftovers that the next delete call removes.
      const removed = await ctx.ops.delete(
        'session.delete',
        ctx.sessions,
        sessionDocId(sessionId),
        userId,
      );
      await deleteConversationMessages(ctx, 'session.delete', ctx.sessions, userId, sessionId);
      return removed;
    },
  };
}
