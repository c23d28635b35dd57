import type { RouterOutputs } from '@salescoach/api';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { argumentRows, toolLabel } from './approval-view.js';

/** One audited tool call as the table shows it (an `audit.list` entry). */
export type AuditRowView = RouterOutputs['audit']['list']['entries'][number];

export interface AuditFilters {
  /** yyyy-mm-dd, inclusive (start of that day, local time). */
  readonly since: string;
  /** yyyy-mm-dd, inclusive (end of that day, local time). */
  readonly until: string;
  readonly tool: string;
  readonly userId: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { since: '', until: '', tool: '', userId: '' };

/** The filters as `audit.list` / `audit.export` inputs (ISO instants; empty ones left out). */
export function auditQuery(filters: AuditFilters): {
  since?: string;
  until?: string;
  tool?: string;
  userId?: string;
} {
  const day = (text: string, end: boolean) => {
    const [y, m, d] = text.split('-').map(Number);
    if (!y || !m || !d) return undefined;
    return (end ? new Date(y, m - 1, d + 1) : new Date(y, m - 1, d)).toISOString();
  };
  const since = filters.since ? day(filters.since, false) : undefined;
  const until = filters.until ? day(filters.until, true) : undefined;
  return {
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(filters.tool.trim() ? { tool: filters.tool.trim() } : {}),
    ...(filters.userId.trim() ? { userId: filters.userId.trim() } : {}),
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  ok: 'done',
  failed: 'failed',
  refused: 'refused',
  awaiting_approval: 'waiting for approval',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditFilterBar({
  initial,
  tools,
  users,
  onApply,
}: {
  initial: AuditFilters;
  /** Tool names to offer ("crm__update_stage" or "update_stage", as the log keeps them). */
  tools: readonly string[];
  users: readonly { id: string; name: string }[];
  onApply: (filters: AuditFilters) => void;
}) {
  const base = useId();
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Audit filters">
      <label htmlFor={`${base}-since`}>
        Since
        <input id={`${base}-since`} type="date" value={draft.since} onChange={set('since')} />
      </label>
      <label htmlFor={`${base}-until`}>
        Until
        <input id={`${base}-until`} type="date" value={draft.until} onChange={set('until')} />
      </label>
      <label htmlFor={`${base}-tool`}>
        Tool
        <select id={`${base}-tool`} value={draft.tool} onChange={set('tool')}>
          <option value="">Any tool</option>
          {tools.map((t) => (
            <option key={t} value={t}>
              {toolLabel(t)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${base}-user`}>
        User
        <select id={`${base}-user`} value={draft.userId} onChange={set('userId')}>
          <option value="">Anyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

function argumentsText(args: unknown): string {
  if (typeof args !== 'object' || args === null || Array.isArray(args))
    return JSON.stringify(args) ?? '';
  return argumentRows(args as Record<string, unknown>)
    .map((row) => `${row.label}: ${row.value}`)
    .join('; ');
}

/** How the approval ended for this entry: a refused entry under an approval was rejected or expired. */
function approvalText(row: AuditRowView): string {
  if (!row.approval) return '—';
  const decider = row.approval.decidedBy?.name;
  if (row.outcome === 'refused') return decider ? `rejected by ${decider}` : 'expired';
  return decider ? `approved by ${decider}` : 'waiting';
}

/** The columns, each with how a row shows in it. */
const COLUMNS: readonly {
  label: string;
  numeric?: boolean;
  cell: (row: AuditRowView) => ReactNode;
}[] = [
  {
    label: 'When',
    cell: (row) => <time dateTime={row.startedAt}>{when.format(new Date(row.startedAt))}</time>,
  },
  { label: 'Who', cell: (row) => row.askedBy.name },
  { label: 'Tool', cell: (row) => `${row.server} · ${toolLabel(row.tool)}` },
  { label: 'Arguments', cell: (row) => argumentsText(row.arguments) },
  { label: 'Approval', cell: approvalText },
  {
    label: 'Outcome',
    cell: (row) => <span title={row.error}>{OUTCOME_TEXT[row.outcome] ?? row.outcome}</span>,
  },
  { label: 'Duration', numeric: true, cell: (row) => `${Math.round(row.durationMs)} ms` },
];

/**
 * The audit log: every tool call, who asked, where, the arguments, the approval and the
 * outcome. On a phone each row stacks into a card, each value under its column's name.
 */
export function AuditTable({ rows }: { rows: readonly AuditRowView[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="Audit log entries">
      <table className="audit-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-audit-id={row.id}>
              {COLUMNS.map((c) => (
                <td key={c.label} data-label={c.label} className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
