import '../styles/approvals.css';
import { useId, useState, type FormEvent } from 'react';
import { readableError } from '../api/readable-error.js';
import { Link } from '../app/router.js';
import { argumentErrors } from './argument-errors.js';
import { argumentFields, argumentsChanged } from './argument-fields.js';
import { ArgumentsForm } from './ArgumentsForm.js';
import { SubmitOrCancel } from './FieldInput.js';
import {
  argumentRows,
  conversationHref,
  dealNameOf,
  mayDecide,
  STATUS_TEXT,
  toolLabel,
  whoDecides,
  type ApprovalView,
  type Viewer,
} from './approval-view.js';
import { TimeLeft } from './TimeLeft.js';
import { FormFeedback } from '../coaching/FormFeedback.js';

export type Decision =
  | { readonly decision: 'approve'; readonly arguments?: Record<string, unknown> }
  | { readonly decision: 'reject'; readonly reason: string };

interface ApprovalCardProps {
  readonly approval: ApprovalView;
  readonly viewer: Viewer;
  /** Sends the decision; rejects with the server's error when it is refused. */
  readonly onDecide: (decision: Decision) => Promise<unknown>;
  /** On the Approvals page: a link to the conversation it was asked in. */
  readonly showWhere?: boolean;
  /** Fixes the clock of the countdown (tests). */
  readonly now?: number;
}

const WHERE_TEXT: Record<ApprovalView['conversation']['kind'], string> = {
  chat: 'Open the conversation',
  group: 'Open the room',
};

function Outcome({ approval }: { approval: ApprovalView }) {
  const by = approval.decidedBy ? ` by ${approval.decidedBy.name}` : '';
  switch (approval.status) {
    case 'approved':
      return (
        <>
          <p className="approval-outcome ok">Approved{by}.</p>
          {approval.result && (
            <p className={approval.result.ok ? 'small' : 'error small'}>
              {approval.result.ok ? 'Done: ' : 'The call failed: '}
              {approval.result.summary}
            </p>
          )}
        </>
      );
    case 'rejected':
      return (
        <p className="approval-outcome rejected">
          Rejected{by}
          {approval.reason ? `: “${approval.reason}”` : '.'}
        </p>
      );
    case 'expired':
      return <p className="approval-outcome muted">Expired without a decision.</p>;
    default:
      return null;
  }
}

function RejectForm({
  busy,
  error,
  onReject,
  onCancel,
}: {
  busy: boolean;
  error: string | null;
  onReject: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onReject(reason.trim());
  };
  return (
    <form className="reject-form" onSubmit={submit}>
      <label htmlFor={id}>Reason for rejecting</label>
      <textarea
        id={id}
        required
        maxLength={1_000}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <FormFeedback error={error} />
      <SubmitOrCancel
        label="Send rejection"
        className="danger"
        disabled={busy || !reason.trim()}
        onCancel={onCancel}
      />
    </form>
  );
}

/**
 * One request for an approval: the tool, its exact arguments, who asked and where, who
 * must decide and the time left; "Approve" (as asked, or after editing the arguments) and
 * "Reject" (with a reason) when this viewer may decide; the outcome once decided.
 */
export function ApprovalCard({ approval, viewer, onDecide, showWhere, now }: ApprovalCardProps) {
  const [mode, setMode] = useState<'idle' | 'editing' | 'rejecting'>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const deal = dealNameOf(approval.arguments);
  const decidable = mayDecide(approval, viewer);
  const pending = approval.status === 'pending';
  const title = `${approval.server} · ${toolLabel(approval.tool)}`;

  const decide = async (decision: Decision) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await onDecide(decision);
      setMode('idle');
    } catch (err) {
      // Beside a field when it names one the form shows; else the server's whole sentence.
      const shown = new Set(
        argumentFields(approval.inputSchema, approval.arguments).map((f) => f.name),
      );
      const byField = Object.fromEntries(
        Object.entries(argumentErrors(err)).filter(([name]) => shown.has(name)),
      );
      setFieldErrors(byField);
      setError(
        Object.keys(byField).length > 0 ? 'Check the highlighted fields.' : readableError(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const fields = mode === 'editing' ? argumentFields(approval.inputSchema, approval.arguments) : [];
  return (
    <div
      role="group"
      aria-label={`Approval request: ${toolLabel(approval.tool)}${deal ? ` for ${deal}` : ''}`}
      className={`approval-card approval-${approval.status}`}
      data-approval-id={approval.id}
      data-status={approval.status}
    >
      <header className="approval-head">
        <span className="approval-title">{title}</span>
        {deal && <span className="approval-deal">{deal}</span>}
        <span className={`badge approval-badge-${approval.status}`}>
          {STATUS_TEXT[approval.status]}
        </span>
      </header>
      <dl className="approval-arguments">
        {argumentRows(approval.arguments).map((row) => (
          <div key={row.name}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="approval-meta small">
        Asked by {approval.askedBy.id === viewer.id ? 'you' : approval.askedBy.name}
        {pending && <> · decided by {whoDecides(approval)}</>}
        {showWhere && (
          <>
            {' · '}
            {approval.conversation.kind === 'group' || approval.askedBy.id === viewer.id ? (
              <Link to={conversationHref(approval.conversation)}>
                {WHERE_TEXT[approval.conversation.kind]}
              </Link>
            ) : (
              `in ${approval.askedBy.name}’s 1-on-1 chat`
            )}
          </>
        )}
        {pending && (
          <>
            {' · '}
            <TimeLeft expiresAt={approval.expiresAt} now={now} />
          </>
        )}
      </p>
      <Outcome approval={approval} />
      {decidable && mode === 'idle' && (
        <div className="approval-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void decide({ decision: 'approve' })}
          >
            Approve
          </button>
          <button
            type="button"
            className="ghost"
            disabled={busy}
            onClick={() => setMode('editing')}
          >
            Edit arguments
          </button>
          <button
            type="button"
            className="ghost danger"
            disabled={busy}
            onClick={() => setMode('rejecting')}
          >
            Reject
          </button>
        </div>
      )}
      {decidable && mode === 'editing' && (
        <ArgumentsForm
          fields={fields}
          original={approval.arguments}
          errors={fieldErrors}
          error={error}
          busy={busy}
          submitLabel="Approve with these arguments"
          onCancel={() => {
            setMode('idle');
            setError(null);
            setFieldErrors({});
          }}
          onSubmit={(edited) =>
            void decide(
              argumentsChanged(approval.arguments, edited)
                ? { decision: 'approve', arguments: edited }
                : { decision: 'approve' },
            )
          }
        />
      )}
      {decidable && mode === 'rejecting' && (
        <RejectForm
          busy={busy}
          error={error}
          onReject={(reason) => void decide({ decision: 'reject', reason })}
          onCancel={() => {
            setMode('idle');
            setError(null);
          }}
        />
      )}
      {mode === 'idle' && <FormFeedback error={error} />}
    </div>
  );
}
