import type { QuestionFacts } from './question-reading.js';

export interface FilledArguments {
  readonly values: Record<string, unknown>;
  /** Required properties with no value and no default: the tool cannot be called. */
  readonly missing: readonly string[];
}

interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly default?: unknown;
  readonly maxLength?: number;
  readonly anyOf?: readonly PropertySchema[];
}

/**
 * Fills a tool's arguments from its JSON Schema and the question. Only what the question
 * says is filled; everything else is left to the tool's defaults.
 */
export function fillArguments(
  schema: Record<string, unknown>,
  facts: QuestionFacts,
  userEmail?: string,
): FilledArguments {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(properties)) {
    if (!isRecord(raw)) continue;
    const value = valueFor(name, flatten(raw), facts, userEmail);
    if (value !== undefined) values[name] = value;
  }
  const missing = required.filter((name) => {
    if (name in values) return false;
    const property = properties[name];
    return !(isRecord(property) && 'default' in property);
  });
  return { values, missing };
}

function valueFor(
  name: string,
  property: PropertySchema,
  facts: QuestionFacts,
  userEmail?: string,
): unknown {
  const key = name.toLowerCase();
  const description = (property.description ?? '').toLowerCase();
  const enumValues = property.enum?.filter((v): v is string => typeof v === 'string');

  if (key.includes('quarter') || key === 'period') return facts.quarter;
  if (key === 'groupby' || key === 'group_by' || key === 'dimension') {
    if (!facts.groupBy) return undefined;
    const wanted = facts.groupBy === 'rep' ? 'owner' : facts.groupBy;
    return enumValues ? enumValues.find((v) => v.toLowerCase() === wanted) : wanted;
  }
  if (/owner|^rep$|repid|assignee|^user$/.test(key)) {
    if (!facts.aboutMe) return undefined;
    // "me" when the tool says it understands it; otherwise the asker's email.
    return description.includes('"me"') || description.includes("'me'") || !userEmail
      ? 'me'
      : userEmail;
  }
  if (key.includes('amount') && key.startsWith('min')) return facts.minAmount;
  if (key === 'openonly') return /\bopen\b/i.test(facts.text) ? true : undefined;
  if (enumValues) return matchEnum(enumValues, facts.text);
  if (key.includes('account') && facts.names.length > 0) {
    // Never a name in an id field, even one that says "or exact account name": the name in
    // a question is rarely exact. The account is searched first, then fetched by its id.
    if (key.endsWith('id')) return undefined;
    return key === 'account' || key === 'accountname' || description.includes('name')
      ? facts.names[0]
      : undefined;
  }
  if (/^(?:query|q|search|text|keywords?|topic|question|terms?)$/.test(key)) {
    const wantsNames = /name|account|compan|industry/.test(description);
    if (wantsNames) return facts.names[0];
    return cap(facts.text.trim(), property.maxLength);
  }
  return undefined;
}

/** An enum value the question names as a whole word or phrase ("Negotiation", "closed won", "EMEA"). */
function matchEnum(values: readonly string[], text: string): string | undefined {
  const lower = text.toLowerCase();
  return [...values]
    .sort((a, b) => b.length - a.length)
    .find((v) => new RegExp(`\\b${escapeRegExp(v.toLowerCase())}\\b`).test(lower));
}

/** `anyOf: [{ type: 'string' }, { type: 'null' }]`-style schemas: take the first concrete branch. */
function flatten(property: PropertySchema): PropertySchema {
  if (property.type !== undefined || property.enum !== undefined || !property.anyOf)
    return property;
  const branch = property.anyOf.find((p) => p.type !== 'null') ?? {};
  return {
    ...branch,
    ...(property.description === undefined ? {} : { description: property.description }),
  };
}

function cap(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined || text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return space > maxLength / 2 ? cut.slice(0, space) : cut;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
