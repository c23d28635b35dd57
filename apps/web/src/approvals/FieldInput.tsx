import type { ArgumentField } from './argument-fields.js';

/** One primitive field's control: a checkbox, a choice, a date, a number or a text box. */
export function FieldInput({
  field,
  id,
  value,
  describedBy,
  invalid,
  onChange,
}: {
  field: ArgumentField;
  id: string;
  value: string;
  describedBy?: string;
  invalid?: boolean;
  onChange: (value: string) => void;
}) {
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
  };
  switch (field.kind) {
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          checked={value === 'true'}
          onChange={(e) => onChange(e.target.checked ? 'true' : 'false')}
        />
      );
    case 'choice':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">—</option>}
          {field.options?.map((option, i) => (
            <option key={option} value={option}>
              {field.optionLabels?.[i] ?? option}
            </option>
          ))}
        </select>
      );
    case 'number':
    case 'integer':
      return (
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          type={field.kind === 'date' ? 'date' : 'text'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

/** A labelled field with its hint and the server's word on it (linked by aria-describedby). */
export function FormField({
  field,
  id,
  value,
  error,
  onChange,
}: {
  field: ArgumentField;
  id: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [error ? errorId : null, field.description ? hintId : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={`field field-${field.kind}`}>
      <label htmlFor={id}>{field.label}</label>
      <FieldInput
        field={field}
        id={id}
        value={value}
        describedBy={describedBy}
        invalid={error !== undefined}
        onChange={onChange}
      />
      {field.description && (
        <span id={hintId} className="muted small">
          {field.description}
        </span>
      )}
      {error && (
        <span id={errorId} className="error small">
          {error}
        </span>
      )}
    </div>
  );
}

/** The form's fields, one per schema field, each holding its text in `texts`. */
export function FormFields({
  fields,
  idPrefix,
  texts,
  errors = {},
  onChange,
}: {
  fields: readonly ArgumentField[];
  idPrefix: string;
  texts: Readonly<Record<string, string>>;
  errors?: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
}) {
  return fields.map((field) => (
    <FormField
      key={field.name}
      field={field}
      id={`${idPrefix}-${field.name}`}
      value={texts[field.name] ?? ''}
      error={errors[field.name]}
      onChange={(value) => onChange(field.name, value)}
    />
  ));
}

/** A form's submit button and "Cancel". */
export function SubmitOrCancel({
  label,
  className,
  disabled,
  onCancel,
}: {
  label: string;
  className?: string;
  disabled: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className={className} disabled={disabled}>
        {label}
      </button>
      <button type="button" className="ghost" onClick={onCancel} disabled={disabled}>
        Cancel
      </button>
    </div>
  );
}
