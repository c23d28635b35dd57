import { useId } from 'react';
import { Link } from '../app/router.js';
import type { Viewer } from './approval-view.js';
import { pendingCount } from './approvals-store.js';
import { useApprovalList } from './ApprovalsProvider.js';

/** "Approvals" in the main nav, with a badge counting the requests waiting for this user. */
export function ApprovalsNavLink({ viewer, current }: { viewer: Viewer; current: boolean }) {
  const count = pendingCount(useApprovalList(), viewer);
  const id = useId();
  return (
    <>
      <Link
        to="/approvals"
        aria-current={current ? 'page' : undefined}
        aria-describedby={count > 0 ? id : undefined}
      >
        Approvals
        {count > 0 && (
          <span className="nav-count" aria-hidden="true">
            {count}
          </span>
        )}
      </Link>
      {count > 0 && (
        <span id={id} className="visually-hidden">
          {count === 1 ? '1 request waits for you' : `${count} requests wait for you`}
        </span>
      )}
    </>
  );
}
