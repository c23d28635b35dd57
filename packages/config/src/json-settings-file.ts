import type { z } from 'zod';

/** Parses a settings file's JSON text with its schema; throws one Error naming every problem. */
export function parseJsonSettingsFile<S extends z.ZodType>(
  schema: S,
  text: string,
  source: string,
  what: string,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(`${source}: invalid ${what}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
