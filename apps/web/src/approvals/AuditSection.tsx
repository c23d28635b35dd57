import { useEffect, useMemo, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { FormFeedback } from '../coaching/FormFeedback.js';
import { download } from '../render/download-file.js';
import {
  AuditFilterBar,
  auditQuery,
  AuditTable,
  NO_AUDIT_FILTERS,
  type AuditFilters,
  type AuditRowView,
} from './AuditTable.js';

type AuditQuery = ReturnType<typeof auditQuery>;

/** What the audit view asks of the API (`audit.list`, `audit.export`). */
export interface AuditPort {
  list(
    query: AuditQuery & { limit: number; cursor?: string },
  ): Promise<{ entries: readonly AuditRowView[]; nextCursor?: string }>;
  export(
    format: 'csv' | 'json',
    query: AuditQuery,
  ): Promise<{ filename: string; contentType: string; body: string; truncated: boolean }>;
}

const PAGE = 50;

/** Managers and Admins: the tool-call audit log, filtered, a page at a time, exported. */
export function AuditSection({ port }: { port: AuditPort }) {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [rows, setRows] = useState<readonly AuditRowView[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  const [tools, setTools] = useState<Set<string>>(new Set());
  const query = useMemo(() => auditQuery(filters), [filters]);

  const remember = (entries: readonly AuditRowView[]) => {
    setPeople((known) => {
      const next = new Map(known);
      for (const e of entries) next.set(e.askedBy.id, e.askedBy.name);
      return next.size === known.size ? known : next;
    });
    setTools((known) => {
      const next = new Set(known);
      for (const e of entries) next.add(e.tool);
      return next.size === known.size ? known : next;
    });
  };

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    port.list({ ...query, limit: PAGE }).then(
      (page) => {
        if (cancelled) return;
        setRows(page.entries);
        setCursor(page.nextCursor);
        remember(page.entries);
        setLoading(false);
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(readableError(err));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [port, query]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await port.list({ ...query, limit: PAGE, cursor });
      setRows((r) => [...r, ...page.entries]);
      setCursor(page.nextCursor);
      remember(page.entries);
    } catch (err) {
      setError(readableError(err));
    } finally {
      setLoading(false);
    }
  };

  const exportAs = async (format: 'csv' | 'json') => {
    setExportNote(null);
    setError(null);
    try {
      const file = await port.export(format, query);
      download(file.filename, file.contentType, file.body);
      setExportNote(
        file.truncated
          ? `Exported ${file.filename}; more entries matched than one export holds: narrow the dates.`
          : `Exported ${file.filename}.`,
      );
    } catch (err) {
      setError(`Export failed: ${readableError(err)}`);
    }
  };

  const users = [...people].map(([id, name]) => ({ id, name }));
  return (
    <section className="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <p className="muted small">
        Every tool call, read or write: who asked, the arguments, the approval and the outcome.
      </p>
      <AuditFilterBar
        initial={filters}
        tools={[...tools].sort()}
        users={users}
        onApply={setFilters}
      />
      <div className="form-actions">
        <button type="button" className="small" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="small" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
      </div>
      <FormFeedback status={exportNote} error={error} />
      {rows.length > 0 && <AuditTable rows={rows} />}
      {loading && (
        <p className="muted small" role="status">
          Loading the audit log…
        </p>
      )}
      {!loading && !error && rows.length === 0 && (
        <p className="muted">No tool calls match these filters.</p>
      )}
      {cursor && !loading && (
        <button type="button" className="ghost small" onClick={() => void more()}>
          Show older entries
        </button>
      )}
    </section>
  );
}
