import type { ApprovalRecord, ApprovalStatus } from '../actions/approval.js';

/** Requests for approval, kept until decided or expired (and afterwards, for history). */
export interface ApprovalRepository {
  create(record: ApprovalRecord): Promise<ApprovalRecord>;
  get(id: string): Promise<ApprovalRecord | null>;
  /** Newest first; at most `limit`. */
  list(options: { status?: ApprovalStatus; limit: number }): Promise<ApprovalRecord[]>;
  /**
   * Compare-and-set: stores `next` (whose version must be `expectedVersion + 1`) only when the
   * stored version is still `expectedVersion`. False when someone else changed it first or it
   * is gone. Two deciders at once: exactly one gets true.
   */
  replace(next: ApprovalRecord, expectedVersion: number): Promise<boolean>;
}
