import { z } from 'zod';
import type {
  ElicitationContent,
  ElicitationField,
  ElicitationSchema,
} from '../ports/tool-hub.port.js';

const text = z.string().max(500).optional();
const help = z.string().max(4_000).optional();
const count = z.number().int().min(0).max(100_000).optional();

const stringField = z.object({
  type: z.literal('string'),
  title: text,
  description: help,
  minLength: count,
  maxLength: count,
  format: z.enum(['email', 'uri', 'date', 'date-time']).optional(),
  enum: z.array(z.string().max(500)).min(1).max(100).optional(),
  enumNames: z.array(z.string().max(500)).max(100).optional(),
  default: z.string().max(10_000).optional(),
});
const numberField = z.object({
  type: z.enum(['number', 'integer']),
  title: text,
  description: help,
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  default: z.number().optional(),
});
const booleanField = z.object({
  type: z.literal('boolean'),
  title: text,
  description: help,
  default: z.boolean().optional(),
});

const requestedSchema = z.object({
  type: z.literal('object'),
  properties: z
    .record(
      z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
      z.union([stringField, numberField, booleanField]),
    )
    .refine((p) => Object.keys(p).length <= 20, 'at most 20 fields'),
  required: z.array(z.string()).max(20).optional(),
});

/** Longest text answer accepted for a field without its own `maxLength`. */
export const ELICITATION_TEXT_MAX = 10_000;

/**
 * The form a server asked for, as the app shows it: a flat object of primitive fields
 * (string, enum, number, integer, boolean), unknown keywords dropped. Undefined for anything
 * else (nested objects, arrays, required names that are not fields): such a request is declined.
 */
export function parseElicitationSchema(value: unknown): ElicitationSchema | undefined {
  const parsed = requestedSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { properties, required } = parsed.data;
  if (required?.some((name) => !(name in properties))) return undefined;
  const fields: Record<string, ElicitationField> = {};
  for (const [name, field] of Object.entries(properties))
    fields[name] = Object.fromEntries(
      Object.entries(field).filter(([, v]) => v !== undefined),
    ) as ElicitationField;
  return { type: 'object', properties: fields, ...(required ? { required } : {}) };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function formatProblem(format: string, value: string): string | undefined {
  if (format === 'email' && !EMAIL.test(value)) return 'is not an e-mail address';
  if (format === 'uri' && !URL.canParse(value)) return 'is not a URI';
  if (format === 'date' && !(DATE.test(value) && !Number.isNaN(Date.parse(value))))
    return 'is not a date (YYYY-MM-DD)';
  if (format === 'date-time' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))))
    return 'is not a date and time';
  return undefined;
}

function textProblem(
  field: Extract<ElicitationField, { type: 'string' }>,
  value: unknown,
): string | undefined {
  if (typeof value !== 'string') return 'must be text';
  if (field.enum) return field.enum.includes(value) ? undefined : 'must be one of the choices';
  if (field.minLength !== undefined && value.length < field.minLength)
    return `must be at least ${field.minLength} characters`;
  const max = field.maxLength ?? ELICITATION_TEXT_MAX;
  if (value.length > max) return `must be at most ${max} characters`;
  return field.format ? formatProblem(field.format, value) : undefined;
}

function fieldProblem(field: ElicitationField, value: unknown): string | undefined {
  if (field.type === 'string') return textProblem(field, value);
  if (field.type === 'boolean')
    return typeof value === 'boolean' ? undefined : 'must be true or false';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (field.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
  if (field.minimum !== undefined && value < field.minimum)
    return `must be at least ${field.minimum}`;
  if (field.maximum !== undefined && value > field.maximum)
    return `must be at most ${field.maximum}`;
  return undefined;
}

/** The asker's answer checked against the form: its content, or what is wrong with it. */
export function checkElicitationContent(
  schema: ElicitationSchema,
  content: unknown,
): { readonly content: ElicitationContent } | { readonly problems: string[] } {
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    return { problems: ['the answer must be an object of fields'] };
  const problems: string[] = [];
  const accepted: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(content)) {
    const field = schema.properties[name];
    if (!field) {
      problems.push(`${name.slice(0, 64)}: is not a field of this form`);
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) problems.push(`${name}: ${problem}`);
    else accepted[name] = value as string | number | boolean;
  }
  for (const name of schema.required ?? [])
    if (!(name in content)) problems.push(`${name}: is required`);
  return problems.length > 0 ? { problems } : { content: accepted };
}
