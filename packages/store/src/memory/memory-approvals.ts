import { approvalRecordSchema, type ApprovalRepository } from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';

const ENTITY = 'approval';

/** Requests for approval by id; documents kept as clones and validated on every read. */
export function createMemoryApprovals(rows: Map<string, unknown>): ApprovalRepository {
  const read = (id: string) => {
    const raw = rows.get(id);
    return raw === undefined ? null : decodeStored(approvalRecordSchema, raw, ENTITY, id);
  };
  return {
    async create(record) {
      const valid = validateIncoming(approvalRecordSchema, record, ENTITY);
      if (rows.has(valid.id)) throw new Error(`approval ${valid.id} exists`);
      rows.set(valid.id, structuredClone(valid));
      return valid;
    },
    async get(id) {
      return read(id);
    },
    async list({ status, limit }) {
      return [...rows.keys()]
        .map((id) => read(id)!)
        .filter((r) => status === undefined || r.status === status)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .slice(0, limit);
    },
    async replace(next, expectedVersion) {
      const valid = validateIncoming(approvalRecordSchema, next, ENTITY);
      const current = read(valid.id);
      // One synchronous check-and-set: nothing can interleave between the read and the write.
      if (!current || current.version !== expectedVersion || valid.version !== expectedVersion + 1)
        return false;
      rows.set(valid.id, structuredClone(valid));
      return true;
    },
  };
}
