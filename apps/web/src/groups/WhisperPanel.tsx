import type { Whisper } from '@salescoach/domain';
import { useState, type FormEvent } from 'react';
import { usePendingAction } from '../api/use-pending-action.js';
import { FormFeedback } from '../coaching/FormFeedback.js';

/**
 * Whispers in a room practice. The rep reads the whispers sent to them; every other member
 * writes to the rep ("Whisper to <name>") and sees their own. Nobody else sees them, and
 * the buyer never does.
 */
export function WhisperPanel({
  whispers,
  repName,
  playing,
  active,
  onWhisper,
}: {
  whispers: readonly Whisper[];
  repName: string;
  playing: boolean;
  active: boolean;
  onWhisper: (text: string) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const { busy: sending, error, run } = usePendingAction();
  const label = `Whisper to ${repName}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const line = text.trim();
    if (line && (await run(() => onWhisper(line)))) setText('');
  };

  return (
    <section aria-labelledby="whispers-heading" className="practice-hints whispers">
      <h2 id="whispers-heading">{playing ? 'Whispers to you' : `Your whispers to ${repName}`}</h2>
      <p className="muted small">
        {playing
          ? 'Only you and the sender see a whisper; the buyer never does.'
          : `Only you and ${repName} see these; the buyer never does.`}
      </p>
      {whispers.length > 0 ? (
        <ul aria-label="Whispers">
          {whispers.map((w) => (
            <li key={w.id}>
              {playing && <strong>{w.from.name}: </strong>}
              {w.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No whispers yet.</p>
      )}
      {!playing && active && (
        <form className="whisper-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="whisper-text" className="visually-hidden">
            {label}
          </label>
          <input
            id="whisper-text"
            type="text"
            value={text}
            maxLength={1_000}
            placeholder={label}
            onChange={(e) => setText(e.target.value)}
            disabled={sending}
          />
          <button type="submit" className="ghost" disabled={sending || !text.trim()}>
            Whisper
          </button>
        </form>
      )}
      <FormFeedback error={error} />
    </section>
  );
}
