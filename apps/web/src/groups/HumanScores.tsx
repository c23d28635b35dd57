import type { HumanScore } from '@salescoach/domain';
import { useState, type FormEvent } from 'react';
import { usePendingAction } from '../api/use-pending-action.js';
import { FormFeedback } from '../coaching/FormFeedback.js';

/** People's scores beside the coach's scorecard; the room owner or a Manager adds theirs. */
export function HumanScores({
  scores,
  mayReview,
  onReview,
}: {
  scores: readonly HumanScore[];
  mayReview: boolean;
  onReview: (score: number, comment: string) => Promise<unknown>;
}) {
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const { busy: saving, error, setError, run } = usePendingAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(score);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      setError('A score is a whole number from 0 to 100.');
      return;
    }
    if (await run(() => onReview(value, comment.trim()))) {
      setScore('');
      setComment('');
    }
  };

  return (
    <section aria-labelledby="human-scores-heading" className="human-scores">
      <h2 id="human-scores-heading">People&apos;s scores</h2>
      {scores.length === 0 ? (
        <p className="muted small">No one has scored this call yet.</p>
      ) : (
        <ul>
          {scores.map((s) => (
            <li key={s.by.userId}>
              <strong>{s.score}</strong>
              <span className="muted"> / 100 · {s.by.name}</span>
              {s.comment && <p className="small">{s.comment}</p>}
            </li>
          ))}
        </ul>
      )}
      {mayReview && (
        <form className="human-score-form" onSubmit={(e) => void submit(e)}>
          <label>
            Your score (0–100)
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={score}
              onChange={(e) => setScore(e.target.value)}
              disabled={saving}
              required
            />
          </label>
          <label>
            Comment
            <textarea
              value={comment}
              maxLength={2_000}
              rows={2}
              onChange={(e) => setComment(e.target.value)}
              disabled={saving}
            />
          </label>
          <button type="submit" className="primary" disabled={saving || score === ''}>
            Add score
          </button>
        </form>
      )}
      <FormFeedback error={error} />
    </section>
  );
}
