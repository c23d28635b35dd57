import { z } from 'zod';
import { isoDateSchema } from '../model/ids.js';

export const checkResultSchema = z.object({
  id: z.string().min(1).max(80),
  label: z.string().min(1).max(120),
  /** `null`: not applicable in this call. */
  passed: z.boolean().nullable(),
  /** A verbatim quote from one of the rep's turns. */
  evidence: z.string().min(1).max(600).optional(),
  advice: z.string().min(1).max(300).optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const scorecardSchema = z.object({
  /** 0–100, computed from the checks: passed over applicable. */
  score: z.number().int().min(0).max(100),
  checks: z.array(checkResultSchema).max(60),
  strengths: z.array(z.string().min(1).max(300)).max(2),
  improvements: z.array(z.string().min(1).max(300)).max(2),
  /** Which model scored: `offline` for the deterministic rules. */
  model: z.object({ provider: z.string().max(50), name: z.string().max(200) }),
  createdAt: isoDateSchema,
});
export type Scorecard = z.infer<typeof scorecardSchema>;

/** The score is computed, never taken from a model: passed checks over applicable ones. */
export function scoreOf(checks: readonly Pick<CheckResult, 'passed'>[]): number {
  const applicable = checks.filter((c) => c.passed !== null);
  if (applicable.length === 0) return 0;
  const passed = applicable.filter((c) => c.passed === true).length;
  return Math.round((100 * passed) / applicable.length);
}
