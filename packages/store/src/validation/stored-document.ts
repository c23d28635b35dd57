import { invalid } from '@salescoach/domain';
import type { z } from 'zod';

/**
 * A stored row or document that no longer matches its schema (edited by hand, written by
 * another version, damaged). Reads throw this instead of returning garbage. The message
 * names the entity, its key and the failing paths, never the stored values.
 */
export class CorruptDocumentError extends Error {
  override readonly name = 'CorruptDocumentError';
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly problems: readonly string[],
  ) {
    super(`Stored ${entity} ${key} is corrupt: ${problems.join('; ')}`);
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Validates what a store read back; throws `CorruptDocumentError` when it does not match. */
export function decodeStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  entity: string,
  key: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CorruptDocumentError(entity, key, describeIssues(result.error));
  return result.data;
}

/** Parses JSON text read from a store, as `decodeStored` does for objects. */
export function decodeStoredJson<S extends z.ZodType>(
  schema: S,
  text: string,
  entity: string,
  key: string,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptDocumentError(entity, key, ['not valid JSON']);
  }
  return decodeStored(schema, value, entity, key);
}

/** Validates what a caller asks a store to write; throws a DomainError `INVALID` when it does not match. */
export function validateIncoming<S extends z.ZodType>(
  schema: S,
  value: unknown,
  entity: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw invalid(`Invalid ${entity}: ${describeIssues(result.error).join('; ')}`);
  return result.data;
}
