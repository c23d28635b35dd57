import type { ReactNode } from 'react';
import '../styles/approvals.css';
import { ApprovalCard } from './ApprovalCard.js';
import type { ApprovalView, Viewer } from './approval-view.js';
import { approvalSections } from './approvals-store.js';
import { AuditSection, type AuditPort } from './AuditSection.js';
import { useApprovalList, useApprovals } from './ApprovalsProvider.js';

function ApprovalList({
  id,
  title,
  approvals,
  viewer,
  empty,
}: {
  id: string;
  title: string;
  approvals: readonly ApprovalView[];
  viewer: Viewer;
  empty: ReactNode;
}) {
  const { decide } = useApprovals();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="muted small">({approvals.length})</span>
      </h2>
      {approvals.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="approval-list">
          {approvals.map((approval) => (
            <li key={approval.id}>
              <ApprovalCard
                approval={approval}
                viewer={viewer}
                showWhere
                onDecide={(decision) => decide(approval.id, decision)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * `/approvals`: requests waiting for this user's decision, their own requests and how they
 * stand, and recently decided ones, all live; the audit log for Managers and Admins.
 */
export function ApprovalsPage({ viewer, audit }: { viewer: Viewer; audit?: AuditPort }) {
  const { loaded, error } = useApprovals();
  const { toDecide, mine, decided } = approvalSections(useApprovalList(), viewer);
  // An Admin without a sales role has no requests of their own: the audit log is theirs.
  const asks = viewer.roles.includes('Sales') || viewer.roles.includes('Manager');
  return (
    <div className="page approvals-page">
      <header className="page-header">
        <h1>Approvals</h1>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!asks ? null : !loaded && !error ? (
        <p className="muted" role="status">
          Loading approvals…
        </p>
      ) : (
        <>
          <ApprovalList
            id="approvals-to-decide"
            title="Waiting for your decision"
            approvals={toDecide}
            viewer={viewer}
            empty="Nothing waits for your decision."
          />
          <ApprovalList
            id="approvals-mine"
            title="Your requests"
            approvals={mine}
            viewer={viewer}
            empty="When the coach proposes a change for you, your request shows here until it is decided."
          />
          <ApprovalList
            id="approvals-decided"
            title="Recently decided"
            approvals={decided}
            viewer={viewer}
            empty="No decided requests yet."
          />
        </>
      )}
      {audit && <AuditSection port={audit} />}
    </div>
  );
}
