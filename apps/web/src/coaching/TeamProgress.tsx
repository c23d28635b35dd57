import '../styles/coaching.css';
import type { ChartSpec } from '@salescoach/domain';
import { useQuery } from '@tanstack/react-query';
import type { RouterOutputs } from '@salescoach/api';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { LazyChart } from '../render/lazy-renderers.js';

type Progress = RouterOutputs['coaching']['progress']['team'];

function checksSpec(progress: Progress): ChartSpec | null {
  const checks = progress.checks.filter((c) => c.rate !== null);
  if (checks.length === 0) return null;
  return {
    kind: 'bar',
    title: `Pass rate per check, ${progress.team.name}`,
    x: { key: 'check', label: 'Check' },
    series: [{ key: 'rate', label: 'Passed (%)' }],
    data: checks.map((c) => ({ check: c.label, rate: c.rate ?? 0 })),
    unit: 'percent',
    source: 'tool',
  };
}

const trendText = (trend: number | null) =>
  trend === null ? '–' : `${trend > 0 ? '+' : ''}${trend}`;

/** Managers: per rep assigned / done / overdue, latest score and trend, pass rate per check, feedback per topic. */
export function TeamProgress({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const progress = useQuery(trpc.coaching.progress.team.queryOptions({ teamId }));
  const feedback = useQuery(trpc.feedback.byTopic.queryOptions({ teamId }));
  const data = progress.data;
  const spec = data ? checksSpec(data) : null;
  return (
    <section aria-label="Practice progress" className="team-progress">
      <h2>Practice progress{data ? `: ${data.team.name}` : ''}</h2>
      {progress.isError && (
        <p className="error" role="alert">
          {readableError(progress.error)}
        </p>
      )}
      {data && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">Assigned</th>
              <th scope="col">Done</th>
              <th scope="col">Overdue</th>
              <th scope="col">Latest score</th>
              <th scope="col">Trend</th>
            </tr>
          </thead>
          <tbody>
            {data.reps.map((r) => (
              <tr key={r.userId}>
                <th scope="row">{r.name}</th>
                <td>{r.assigned}</td>
                <td>{r.done}</td>
                <td>{r.overdue}</td>
                <td>{r.latestScore ?? '–'}</td>
                <td>{trendText(r.trend)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {spec && <LazyChart spec={spec} />}
      {data && data.checks.length > 0 && (
        <table className="data-table" aria-label="Pass rate per check">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Passed</th>
              <th scope="col">Applied</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {data.checks.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td>{c.passed}</td>
                <td>{c.applicable}</td>
                <td>{c.rate === null ? '–' : `${c.rate}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(feedback.data?.topics.length ?? 0) > 0 && (
        <table className="data-table" aria-label="Answer feedback per topic">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Good answer</th>
              <th scope="col">Bad answer</th>
            </tr>
          </thead>
          <tbody>
            {feedback.data!.topics.map((t) => (
              <tr key={t.clusterId}>
                <th scope="row">{t.label ?? 'Asked by too few people to show'}</th>
                <td>{t.good}</td>
                <td>{t.bad}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
