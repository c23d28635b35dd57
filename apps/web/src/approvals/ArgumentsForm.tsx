import { useId, useState, type FormEvent } from 'react';
import { editedArguments, fieldText, type ArgumentField } from './argument-fields.js';
import { FieldInput } from './FieldInput.js';

interface ArgumentsFormProps {
  readonly fields: readonly ArgumentField[];
  readonly original: Readonly<Record<string, unknown>>;
  /** The server's word on a field, shown beside it. */
  readonly errors: Readonly<Record<string, string>>;
  /** A refusal not tied to one field. */
  readonly error?: string | null;
  readonly busy: boolean;
  readonly submitLabel: string;
  readonly onSubmit: (args: Record<string, unknown>) => void;
  readonly onCancel: () => void;
}

/**
 * The arguments of a request as a small form (one field per input of the tool's schema):
 * the decider may change them before approving; the server validates them again and its
 * message for a field shows beside that field.
 */
export function ArgumentsForm({
  fields,
  original,
  errors,
  error,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: ArgumentsFormProps) {
  const base = useId();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, fieldText(f, original[f.name])])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(editedArguments(original, fields, texts));
  };
  return (
    <form className="arguments-form" onSubmit={submit} aria-label="Arguments to approve">
      {fields.map((field) => {
        const id = `${base}-${field.name}`;
        const errorId = `${id}-error`;
        const hintId = `${id}-hint`;
        const fieldError = errors[field.name];
        const describedBy =
          [fieldError ? errorId : null, field.description ? hintId : null]
            .filter(Boolean)
            .join(' ') || undefined;
        return (
          <div key={field.name} className={`field field-${field.kind}`}>
            <label htmlFor={id}>{field.label}</label>
            <FieldInput
              field={field}
              id={id}
              value={texts[field.name] ?? ''}
              describedBy={describedBy}
              invalid={fieldError !== undefined}
              onChange={(value) => setTexts((t) => ({ ...t, [field.name]: value }))}
            />
            {field.description && (
              <span id={hintId} className="muted small">
                {field.description}
              </span>
            )}
            {fieldError && (
              <span id={errorId} className="error small">
                {fieldError}
              </span>
            )}
          </div>
        );
      })}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
