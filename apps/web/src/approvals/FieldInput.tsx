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
