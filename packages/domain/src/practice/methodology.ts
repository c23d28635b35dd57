import { z } from 'zod';

const cues = z.array(z.string().trim().min(1).max(80)).min(1).max(60);

/**
 * How the offline scorer decides a check, deterministically, from the rep's turns. Cues are
 * lower-case words or phrases; a trailing `*` matches any ending (`decid*`).
 * - `asks`: a question of the rep's contains a cue.
 * - `says`: any sentence of the rep's contains a cue.
 * - `says-with`: one sentence contains a cue from `cues` and one from `with`.
 * - `open-questions`: at least `atLeast` open questions (what, how, why, walk me through…).
 * - `asks-before`: a question with a cue comes before any sentence with a `before` cue.
 */
export const checkRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('asks'), cues }).strict(),
  z.object({ type: z.literal('says'), cues }).strict(),
  z.object({ type: z.literal('says-with'), cues, with: cues }).strict(),
  z
    .object({ type: z.literal('open-questions'), atLeast: z.number().int().min(1).max(20) })
    .strict(),
  z.object({ type: z.literal('asks-before'), cues, before: cues }).strict(),
]);
export type CheckRule = z.infer<typeof checkRuleSchema>;

export const methodologyCheckSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9][a-z0-9._-]*$/),
    label: z.string().trim().min(1).max(120),
    /** One line: what the check means. */
    definition: z.string().trim().min(1).max(400),
    /** What counts as evidence in the rep's own words. */
    evidence: z.string().trim().min(1).max(400),
    /** One line of advice when the check is not passed. */
    advice: z.string().trim().min(1).max(300),
    /** One line said as a strength when it is passed. */
    strength: z.string().trim().min(1).max(300),
    /** `objection-raised`: not applicable unless the buyer raised an objection. */
    appliesWhen: z.enum(['always', 'objection-raised']).default('always'),
    rule: checkRuleSchema,
  })
  .strict();
export type MethodologyCheck = z.infer<typeof methodologyCheckSchema>;

export const methodologySchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(600),
    checks: z.array(methodologyCheckSchema).min(1).max(30),
  })
  .strict();
export type Methodology = z.infer<typeof methodologySchema>;

/** The methodology files an organisation uses, by id. */
export type MethodologyLibrary = ReadonlyMap<string, Methodology>;

/** The checks of a scenario's methodologies, in order, each id once. */
export function checksFor(
  library: MethodologyLibrary,
  methodologyIds: readonly string[],
): MethodologyCheck[] {
  const seen = new Set<string>();
  const out: MethodologyCheck[] = [];
  for (const id of methodologyIds) {
    for (const check of library.get(id)?.checks ?? []) {
      if (seen.has(check.id)) continue;
      seen.add(check.id);
      out.push(check);
    }
  }
  return out;
}
