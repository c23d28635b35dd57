import type { AuditEntry } from './audit-entry.js';

/** The CSV export's columns, in order (the header row). */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'startedAt',
  'finishedAt',
  'durationMs',
  'askedById',
  'askedByName',
  'role',
  'conversationKind',
  'conversationId',
  'server',
  'tool',
  'outcome',
  'error',
  'approvalId',
  'decidedById',
  'decidedByName',
  'arguments',
] as const;

/** A spreadsheet would run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * Text that a spreadsheet would read as a formula gets a leading `'` first (OWASP's advice).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(entry: AuditEntry): string[] {
  return [
    csvField(entry.id),
    csvField(entry.startedAt),
    csvField(entry.finishedAt),
    csvField(entry.durationMs),
    csvField(entry.askedBy.id),
    csvField(entry.askedBy.name),
    csvField(entry.role),
    csvField(entry.conversation?.kind),
    csvField(entry.conversation?.id),
    csvField(entry.server),
    csvField(entry.tool),
    csvField(entry.outcome),
    csvField(entry.error),
    csvField(entry.approval?.id),
    csvField(entry.approval?.decidedBy?.id),
    csvField(entry.approval?.decidedBy?.name),
    csvField(JSON.stringify(entry.arguments ?? null)),
  ];
}

/** The entries as CSV: a header row, then one row per entry, CRLF line ends. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(','), ...entries.map((e) => row(e).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
