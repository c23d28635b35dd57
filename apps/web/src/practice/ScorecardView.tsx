import { useEffect, useRef } from 'react';
import type { CheckVerdict, PracticeScorecard } from './practice-types.js';

export function verdictOf(passed: CheckVerdict['passed']): string {
  return passed === null ? 'not applicable' : passed ? 'passed' : 'not passed';
}

const ICON = { passed: '✓', 'not passed': '✗', 'not applicable': '–' } as Record<string, string>;

function Notes({ title, items }: { title: string; items: readonly string[] }) {
  return (
    <div>
      <h3>{title}</h3>
      <ul>
        {items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The coach's scorecard: the computed score, each check with its verbatim quote and advice.
 * `focus`: it takes the keyboard focus when it appears (right after "End and score").
 */
export function ScorecardView({
  scorecard,
  focus = false,
}: {
  scorecard: PracticeScorecard;
  focus?: boolean;
}) {
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus) region.current?.focus();
  }, [focus]);
  const applicable = scorecard.checks.filter((c) => c.passed !== null);
  const passed = applicable.filter((c) => c.passed === true).length;
  return (
    <section className="scorecard" aria-labelledby="scorecard-heading" ref={region} tabIndex={-1}>
      <header className="scorecard-head">
        <h2 id="scorecard-heading">Scorecard</h2>
        <p className="scorecard-score">
          <strong data-testid="score">{scorecard.score}</strong>
          <span className="muted"> / 100</span>
        </p>
        {scorecard.model.provider === 'offline' && (
          <span className="badge badge-offline" title="Scored by deterministic rules, not an LLM">
            offline model
          </span>
        )}
      </header>
      <p className="muted small">
        {passed} of {applicable.length} applicable checks passed. The score is computed from the
        checks.
      </p>
      <ul className="scorecard-checks">
        {scorecard.checks.map((c) => {
          const verdict = verdictOf(c.passed);
          return (
            <li key={c.id} className={`check check-${verdict.replace(' ', '-')}`}>
              <div className="check-line">
                <span className="check-icon" aria-hidden="true">
                  {ICON[verdict]}
                </span>
                <span className="check-label">{c.label}</span>
                <span className="check-verdict">{verdict}</span>
              </div>
              {c.evidence && (
                <blockquote className="check-evidence">
                  <span className="visually-hidden">You said: </span>“{c.evidence}”
                </blockquote>
              )}
              {c.advice && <p className="check-advice small">{c.advice}</p>}
            </li>
          );
        })}
      </ul>
      <div className="scorecard-notes">
        <Notes title="Strengths" items={scorecard.strengths} />
        <Notes title="Improvements" items={scorecard.improvements} />
      </div>
    </section>
  );
}
