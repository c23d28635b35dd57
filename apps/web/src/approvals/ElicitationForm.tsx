import type { ElicitationView } from '@salescoach/domain';
import { useId, useState, type FormEvent } from 'react';
import '../styles/approvals.css';
import { readableError } from '../api/readable-error.js';
import { argumentFields, editedArguments, fieldText } from './argument-fields.js';
import { FormFields } from './FieldInput.js';
import { FormFeedback } from '../coaching/FormFeedback.js';
import { TimeLeft } from './TimeLeft.js';

export type ElicitationAction = 'accept' | 'decline' | 'cancel';
/** What "Accept" sends: primitive values only, as the requested schema allows. */
export type ElicitationContent = Record<string, string | number | boolean>;

function primitives(values: Record<string, unknown>): ElicitationContent {
  const content: ElicitationContent = {};
  for (const [key, value] of Object.entries(values))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      content[key] = value;
  return content;
}

interface ElicitationFormProps {
  readonly elicitation: ElicitationView;
  /** Sends the answer; rejects with the server's error when it is refused. */
  readonly onRespond: (action: ElicitationAction, content?: ElicitationContent) => Promise<unknown>;
  readonly now?: number;
}

/**
 * A tool asks the person who asked for more input while it runs: a form from the requested
 * schema with "Accept", "Decline" and "Cancel", and the time left to answer.
 */
export function ElicitationForm({ elicitation, onRespond, now }: ElicitationFormProps) {
  const base = useId();
  const fields = argumentFields(elicitation.requestedSchema, {});
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, fieldText(f, undefined)])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const respond = async (action: ElicitationAction) => {
    setBusy(true);
    setError(null);
    try {
      await onRespond(
        action,
        action === 'accept' ? primitives(editedArguments({}, fields, texts)) : undefined,
      );
    } catch (err) {
      setError(readableError(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void respond('accept');
  };
  const titleId = `${base}-title`;
  return (
    <form
      className="elicitation-form"
      aria-labelledby={titleId}
      onSubmit={submit}
      data-elicitation-id={elicitation.id}
    >
      <p id={titleId} className="elicitation-title">
        <strong>{elicitation.server} needs your input:</strong> {elicitation.message}
      </p>
      <TimeLeft expiresAt={elicitation.expiresAt} prefix="Time left:" now={now} />
      <FormFields
        fields={fields}
        idPrefix={base}
        texts={texts}
        onChange={(name, value) => setTexts((t) => ({ ...t, [name]: value }))}
      />
      <FormFeedback error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => void respond('decline')}>
          Decline
        </button>
        <button
          type="button"
          className="ghost"
          disabled={busy}
          onClick={() => void respond('cancel')}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
