import { fieldLabel } from './approval-view.js';

/**
 * The fields of a small edit form, from a tool's input schema (JSON Schema: an object of
 * primitive properties) or, when there is none, from the arguments as sent. Only primitive
 * fields are editable; anything else is kept as it was.
 */

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'date';

export interface ArgumentField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly options?: readonly string[];
  /** What each option shows (MCP's `enumNames`), in the order of `options`. */
  readonly optionLabels?: readonly string[];
  readonly description?: string;
  /** The schema's default, as the form shows it. */
  readonly initial?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  enumNames?: unknown[];
  default?: unknown;
  format?: string;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: PropertySchema[];
}

/** Never offered for editing: a retry key is the server's business, not the decider's. */
const FIXED = new Set(['idempotencyKey']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(schema: PropertySchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const named = types.find((t) => t !== 'null');
  if (named) return named;
  const branch = schema.anyOf?.find((s) => s.type && s.type !== 'null');
  return branch ? typeOf(branch) : undefined;
}

function fieldFromSchema(
  name: string,
  schema: PropertySchema,
  required: boolean,
): ArgumentField | null {
  const label = schema.title ?? fieldLabel(name);
  const common = {
    name,
    label,
    required,
    ...(schema.description ? { description: schema.description } : {}),
    ...(['string', 'number', 'boolean'].includes(typeof schema.default)
      ? { initial: String(schema.default) }
      : {}),
  };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'))
    return {
      ...common,
      kind: 'choice',
      options: schema.enum,
      ...(schema.enumNames?.length === schema.enum.length &&
      schema.enumNames.every((v) => typeof v === 'string')
        ? { optionLabels: schema.enumNames }
        : {}),
    };
  switch (typeOf(schema)) {
    case 'string':
      return { ...common, kind: schema.format === 'date' ? 'date' : 'text' };
    case 'number':
    case 'integer':
      return {
        ...common,
        kind: typeOf(schema) === 'integer' ? 'integer' : 'number',
        ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}),
        ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...common, kind: 'boolean' };
    default:
      return null;
  }
}

function fieldFromValue(name: string, value: unknown): ArgumentField | null {
  const common = { name, label: fieldLabel(name), required: true };
  if (typeof value === 'string') return { ...common, kind: 'text' };
  if (typeof value === 'number') return { ...common, kind: 'number' };
  if (typeof value === 'boolean') return { ...common, kind: 'boolean' };
  return null;
}

export function argumentFields(
  schema: unknown,
  args: Readonly<Record<string, unknown>>,
): ArgumentField[] {
  if (isRecord(schema) && isRecord(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    return Object.entries(schema.properties)
      .filter(([name]) => !FIXED.has(name))
      .map(([name, prop]) =>
        isRecord(prop) ? fieldFromSchema(name, prop, required.has(name)) : null,
      )
      .filter((f): f is ArgumentField => f !== null);
  }
  return Object.entries(args)
    .filter(([name]) => !FIXED.has(name))
    .map(([name, value]) => fieldFromValue(name, value))
    .filter((f): f is ArgumentField => f !== null);
}

/** What a form field shows for an argument's current value. */
export function fieldText(field: ArgumentField, value: unknown): string {
  if (value === undefined || value === null) {
    if (field.initial !== undefined) return field.initial;
    return field.kind === 'choice' && field.required ? (field.options?.[0] ?? '') : '';
  }
  if (field.kind === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * The arguments the decider approves: the original ones with the edited fields put back
 * in their types (an emptied optional field is left out). Not-a-number stays as typed, so
 * the server's validation names the field.
 */
export function editedArguments(
  original: Readonly<Record<string, unknown>>,
  fields: readonly ArgumentField[],
  texts: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...original };
  for (const field of fields) {
    const text = texts[field.name];
    if (text === undefined) continue;
    if (text.trim() === '' && !field.required && field.kind !== 'boolean') {
      delete next[field.name];
      continue;
    }
    switch (field.kind) {
      case 'number':
      case 'integer': {
        const n = Number(text);
        next[field.name] = text.trim() !== '' && Number.isFinite(n) ? n : text;
        break;
      }
      case 'boolean':
        next[field.name] = text === 'true';
        break;
      default:
        next[field.name] = text;
    }
  }
  return next;
}

/** True when the edited arguments differ from what was asked. */
export function argumentsChanged(
  original: Readonly<Record<string, unknown>>,
  edited: Readonly<Record<string, unknown>>,
): boolean {
  const keys = new Set([...Object.keys(original), ...Object.keys(edited)]);
  for (const key of keys) if (!Object.is(original[key], edited[key])) return true;
  return false;
}
