import { ApprovalCard } from './ApprovalCard.js';
import type { Viewer } from './approval-view.js';
import { useApproval, useDecide } from './ApprovalsProvider.js';

/**
 * A tool call waiting for an approval, inside the coach's message: the request's card
 * (who must decide; "Approve"/"Reject" when this viewer may; the outcome once decided),
 * live from the tab's approvals store.
 */
export function MessageApproval({ approvalId, viewer }: { approvalId: string; viewer: Viewer }) {
  const approval = useApproval(approvalId);
  const decide = useDecide();
  if (!approval)
    return (
      <p className="muted small" role="status">
        Waiting for an approval…
      </p>
    );
  return (
    <ApprovalCard
      approval={approval}
      viewer={viewer}
      onDecide={(decision) =>
        decide
          ? decide(approval.id, decision)
          : Promise.reject(new Error('Decisions are made on the Approvals page'))
      }
    />
  );
}
