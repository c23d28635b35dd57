import type { PracticeHint } from '@salescoach/domain';

/** "Hint" and "End and score" under a call the rep is playing. */
export function CallActions({
  busy,
  active,
  onAct,
}: {
  busy: 'hint' | 'end' | null;
  active: boolean;
  onAct: (what: 'hint' | 'end') => void;
}) {
  return (
    <div className="practice-actions">
      <button
        type="button"
        className="ghost"
        onClick={() => onAct('hint')}
        disabled={!active || busy !== null}
      >
        {busy === 'hint' ? 'Thinking of a hint…' : 'Hint'}
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => onAct('end')}
        disabled={busy !== null}
      >
        {busy === 'end' ? 'Scoring…' : 'End and score'}
      </button>
    </div>
  );
}

/** The rep's private hints beside the call. */
export function CallHints({
  hints,
  offline,
}: {
  hints: readonly PracticeHint[];
  offline: boolean;
}) {
  return (
    <section aria-labelledby="practice-hints" className="practice-hints">
      <h2 id="practice-hints">
        Hints (only you see these)
        {offline && <span className="badge badge-offline">offline model</span>}
      </h2>
      <ul>
        {hints.map((h, i) => (
          <li key={`${i}-${h.createdAt}`}>{h.text}</li>
        ))}
      </ul>
    </section>
  );
}
