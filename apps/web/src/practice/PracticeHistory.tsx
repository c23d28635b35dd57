import { useState } from 'react';
import { Link } from '../app/router.js';
import { LazyChart } from '../render/lazy-renderers.js';
import { checksSeen, checkTrend, scoreTrend } from './practice-trend.js';
import type { PracticeSummary } from './practice-types.js';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function statusOf(p: PracticeSummary): string {
  if (p.scorecard) return `score ${p.scorecard.score}`;
  if (p.status === 'active') return 'in progress';
  return 'not scored yet';
}

/** The rep's past practices with their scores, and the trend of the score and of each check. */
export function PracticeHistory({ history }: { history: readonly PracticeSummary[] }) {
  const checks = checksSeen(history);
  const [checkId, setCheckId] = useState<string>('');
  const chosen = checks.some((c) => c.id === checkId) ? checkId : (checks[0]?.id ?? '');
  const score = scoreTrend(history);
  const check = chosen ? checkTrend(history, chosen) : null;
  return (
    <section aria-labelledby="practice-history" className="practice-history">
      <h2 id="practice-history">Your practice history</h2>
      {history.length === 0 && <p className="muted">No practices yet: pick a scenario above.</p>}
      {score && <LazyChart spec={score} />}
      {checks.length > 0 && (
        <label className="inline check-choice">
          Check{' '}
          <select value={chosen} onChange={(e) => setCheckId(e.target.value)}>
            {checks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {check && <LazyChart spec={check} />}
      {history.length > 0 && (
        <ol className="practice-list">
          {history.map((p) => (
            <li key={p.id}>
              <Link to={`/practice/${encodeURIComponent(p.id)}`}>{p.scenario.title}</Link>{' '}
              <span className="muted small">
                {day.format(new Date(p.createdAt))} · {statusOf(p)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
