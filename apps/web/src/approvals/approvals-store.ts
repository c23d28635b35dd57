import { VersionedStore } from '../app/versioned-store.js';
import type { ApprovalView, Viewer } from './approval-view.js';
import { mayDecide } from './approval-view.js';

/**
 * Every approval this tab knows of, by id: from `approvals.list`, from `approvals.events`,
 * from a conversation's `tool.awaiting_approval` / `approval.decided` and from
 * `approvals.get` for a card whose approval came with the history. A copy never goes back
 * to `pending` once decided (events can arrive in any order across streams).
 */
export class ApprovalsStore extends VersionedStore {
  private byId = new Map<string, ApprovalView>();

  get(id: string): ApprovalView | undefined {
    return this.byId.get(id);
  }

  all(): ApprovalView[] {
    return [...this.byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  put(approvals: readonly ApprovalView[]): void {
    let updated = false;
    for (const approval of approvals) {
      const known = this.byId.get(approval.id);
      if (known && known.status !== 'pending' && approval.status === 'pending') continue;
      if (known && sameApproval(known, approval)) continue;
      // Keep what only one source sent (the schema, the result).
      this.byId.set(approval.id, known ? { ...known, ...approval } : approval);
      updated = true;
    }
    if (updated) this.changed();
  }
}

function sameApproval(a: ApprovalView, b: ApprovalView): boolean {
  return (
    a.status === b.status &&
    a.decidedBy?.id === b.decidedBy?.id &&
    a.reason === b.reason &&
    a.expiresAt === b.expiresAt &&
    (b.inputSchema === undefined || a.inputSchema !== undefined) &&
    (b.result === undefined || a.result !== undefined)
  );
}

/** The Approvals page's three lists. */
export function approvalSections(
  approvals: readonly ApprovalView[],
  viewer: Viewer,
): {
  toDecide: ApprovalView[];
  mine: ApprovalView[];
  decided: ApprovalView[];
} {
  const toDecide = approvals.filter((a) => mayDecide(a, viewer));
  const mine = approvals.filter((a) => a.askedBy.id === viewer.id && !toDecide.includes(a));
  const decided = approvals
    .filter((a) => a.status !== 'pending' && a.askedBy.id !== viewer.id)
    .slice(0, 20);
  return { toDecide, mine, decided };
}

/** The badge on the nav link: requests waiting for this viewer's decision. */
export function pendingCount(approvals: readonly ApprovalView[], viewer: Viewer): number {
  return approvals.filter((a) => mayDecide(a, viewer)).length;
}
