import { useId, useState, type FormEvent } from 'react';
import { editedArguments, fieldText, type ArgumentField } from './argument-fields.js';
import { FormFields, SubmitOrCancel } from './FieldInput.js';
import { FormFeedback } from '../coaching/FormFeedback.js';

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
      <FormFields
        fields={fields}
        idPrefix={base}
        texts={texts}
        errors={errors}
        onChange={(name, value) => setTexts((t) => ({ ...t, [name]: value }))}
      />
      <FormFeedback error={error} />
      <SubmitOrCancel label={submitLabel} className="primary" disabled={busy} onCancel={onCancel} />
    </form>
  );
}
