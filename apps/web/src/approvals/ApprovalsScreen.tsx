import { useMemo } from 'react';
import { canReadAudit, canSeeApprovals, useSignedIn } from '../app/signed-in-context.js';
import { ApprovalsPage } from './ApprovalsPage.js';
import { auditPort } from './audit-port.js';

/** `/approvals` for the signed-in user: the page, with the audit log for Managers and Admins. */
export function ApprovalsScreen() {
  const { me, client } = useSignedIn();
  const audit = useMemo(() => (canReadAudit(me) ? auditPort(client) : undefined), [me, client]);
  if (!canSeeApprovals(me))
    return (
      <div className="page">
        <h1>Approvals</h1>
        <p role="alert">Approvals are for people who work with the CRM.</p>
      </div>
    );
  return <ApprovalsPage viewer={me} audit={audit} />;
}
