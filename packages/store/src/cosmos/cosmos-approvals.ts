import {
  approvalRecordSchema,
  type ApprovalRecord,
  type ApprovalRepository,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';
import { withoutSystemFields } from './cosmos-operations.js';

const ENTITY = 'approval';

/**
 * Requests for approval live in the `questions` container (partition key `/day`) in one
 * partition, `approvals`: listing the pending ones is a single-partition query, and there are
 * few (each expires after APPROVAL_TTL). A decision is a replace conditioned on the etag read
 * with the expected version: of two deciders at once, exactly one replace succeeds.
 */
const PARTITION = 'approvals';

interface ApprovalDoc {
  id: string;
  type: 'approval';
  day: typeof PARTITION;
  record: ApprovalRecord;
  status: ApprovalRecord['status'];
  createdAt: string;
}

const docId = (id: string) => `approval|${id}`;
const toDoc = (record: ApprovalRecord): ApprovalDoc => ({
  id: docId(record.id),
  type: 'approval',
  day: PARTITION,
  record,
  status: record.status,
  createdAt: record.createdAt,
});
const fromDoc = (doc: ApprovalDoc, key: string) =>
  decodeStored(approvalRecordSchema, doc.record, ENTITY, key);

export function createCosmosApprovals(ctx: CosmosContext): ApprovalRepository {
  return {
    async create(record) {
      const valid = validateIncoming(approvalRecordSchema, record, ENTITY);
      if (!(await ctx.ops.create('approval.create', ctx.questions, toDoc(valid))))
        throw new Error(`approval ${valid.id} exists`);
      return valid;
    },
    async get(id) {
      const found = await ctx.ops.read<ApprovalDoc>(
        'approval.get',
        ctx.questions,
        docId(id),
        PARTITION,
      );
      return found ? fromDoc(found.doc, id) : null;
    },
    async list({ status, limit }) {
      const top = Math.max(0, Math.floor(limit));
      if (top === 0) return [];
      const docs = await ctx.ops.query<ApprovalDoc>(
        'approval.list',
        ctx.questions,
        {
          query: `SELECT TOP ${top} * FROM c WHERE c.day = @pk AND c.type = 'approval'${
            status === undefined ? '' : ' AND c.status = @status'
          } ORDER BY c.createdAt DESC`,
          parameters: [
            { name: '@pk', value: PARTITION },
            ...(status === undefined ? [] : [{ name: '@status', value: status }]),
          ],
        },
        PARTITION,
      );
      return docs
        .map((d) => fromDoc(withoutSystemFields(d), d.id))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    },
    async replace(next, expectedVersion) {
      const valid = validateIncoming(approvalRecordSchema, next, ENTITY);
      if (valid.version !== expectedVersion + 1) return false;
      const found = await ctx.ops.read<ApprovalDoc>(
        'approval.replace',
        ctx.questions,
        docId(valid.id),
        PARTITION,
      );
      if (!found || found.doc.record.version !== expectedVersion || !found.etag) return false;
      return ctx.ops.replace(
        'approval.replace',
        ctx.questions,
        toDoc(valid),
        PARTITION,
        found.etag,
      );
    },
  };
}
