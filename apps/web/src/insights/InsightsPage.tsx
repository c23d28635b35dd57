import type { ChartSpec } from '@salescoach/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { LazyChart } from '../render/lazy-renderers.js';

const PERIODS = [7, 30, 90] as const;

function shortLabel(label: string): string {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

/** Managers: what the team asks most, grouped and ranked, counts only (no names). */
export function InsightsPage() {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(30);
  const insights = useQuery(trpc.insights.commonQuestions.queryOptions({ days, limit: 15 }));
  const groups = insights.data?.groups ?? [];
  const spec: ChartSpec | null =
    groups.length > 0
      ? {
          kind: 'bar',
          title: `Most asked, last ${days} days`,
          x: { key: 'question', label: 'Question' },
          series: [{ key: 'count', label: 'Times asked' }],
          data: groups.slice(0, 8).map((g) => ({ question: shortLabel(g.label), count: g.count })),
          unit: 'count',
          source: 'tool',
        }
      : null;

  return (
    <div className="page insights">
      <header className="page-header">
        <h1>Common questions</h1>
        <label className="inline">
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
      </header>
      {insights.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {insights.isError && (
        <p className="error" role="alert">
          {readableError(insights.error)}
        </p>
      )}
      {insights.data && (
        <>
          <p className="muted">
            {insights.data.totalQuestions} questions asked; {groups.length} themes.
          </p>
          {spec && <LazyChart spec={spec} />}
          {groups.length === 0 ? (
            <p>No questions in this period yet.</p>
          ) : (
            <ol className="ranked">
              {groups.map((g) => (
                <li key={g.label}>
                  <div className="ranked-head">
                    <span className="ranked-label">{g.label}</span>
                    <span className="count" aria-label={`asked ${g.count} times`}>
                      {g.count}
                    </span>
                  </div>
                  {g.examples.length > 0 && (
                    <ul className="examples">
                      {g.examples.slice(0, 3).map((e) => (
                        <li key={e}>“{e}”</li>
                      ))}
                    </ul>
                  )}
                  <p className="muted small">
                    {g.roles.join(', ')} · last asked {new Date(g.lastSeen).toLocaleDateString()}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
