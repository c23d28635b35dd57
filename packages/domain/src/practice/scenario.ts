import { z } from 'zod';

/** What a practice call is about (DESIGN §11). */
export const SCENARIO_KINDS = [
  'discovery',
  'objection',
  'negotiation',
  'closing',
  'cold-call',
] as const;
export const scenarioKindSchema = z.enum(SCENARIO_KINDS);
export type ScenarioKind = z.infer<typeof scenarioKindSchema>;

export const DIFFICULTIES = ['easy', 'realistic', 'hard'] as const;
export const difficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof difficultySchema>;

/**
 * The kinds of thing a buyer knows and keeps to themselves until the rep asks the matching
 * kind of question (the offline buyer recognises each kind by its cues).
 */
export const FACT_KINDS = [
  'pain',
  'metrics',
  'budget',
  'economic-buyer',
  'decision-process',
  'decision-criteria',
  'competitor',
  'champion',
  'timeline',
] as const;
export const factKindSchema = z.enum(FACT_KINDS);
export type FactKind = z.infer<typeof factKindSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const hiddenFactSchema = z
  .object({
    kind: factKindSchema,
    /** What the buyer says when the rep has earned it, in the buyer's own words. */
    text: text(600),
  })
  .strict();
export type HiddenFact = z.infer<typeof hiddenFactSchema>;

/**
 * When an objection comes up: `pitch` (the rep talks features), `price` (the rep names a
 * price, a discount or the proposal), `commitment` (the rep asks for a next step or a
 * signature before earning enough), `early` (on the buyer's second reply).
 */
export const objectionTriggerSchema = z.enum(['pitch', 'price', 'commitment', 'early']);
export type ObjectionTrigger = z.infer<typeof objectionTriggerSchema>;

export const objectionSchema = z.object({ when: objectionTriggerSchema, text: text(600) }).strict();
export type Objection = z.infer<typeof objectionSchema>;

export const personaSchema = z
  .object({
    name: text(120),
    title: text(120),
    company: text(200),
    style: text(400),
    goals: z.array(text(300)).min(1).max(8),
    /** The buyer's first line when the call starts. */
    opening: text(600),
    hiddenFacts: z.array(hiddenFactSchema).min(1).max(12),
    objections: z.array(objectionSchema).max(8),
    /** What the buyer knows about the deal so far (stage, amount, people, history). */
    background: z.array(text(400)).max(12).default([]),
  })
  .strict();
export type Persona = z.infer<typeof personaSchema>;

export const scenarioSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9][a-z0-9:._-]*$/, 'lower-case letters, digits and : . _ - only'),
    title: text(200),
    kind: scenarioKindSchema,
    difficulty: difficultySchema,
    /** What the rep should try to achieve, shown before the call starts. */
    brief: text(600),
    persona: personaSchema,
    grounding: z
      .object({
        opportunityId: z.string().min(1).max(100).optional(),
        accountId: z.string().min(1).max(100).optional(),
      })
      .strict()
      .default({}),
    /** Methodology file ids the call is scored against, in order. */
    methodology: z.array(z.string().min(1).max(60)).min(1).max(6),
    /** `library` for the repo's files; the user id for a scenario built from a deal. */
    createdBy: z.string().min(1).max(200).default('library'),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

/** A scenario as the library lists it (DESIGN §8, `practice scenarios`). */
export interface ScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: ScenarioKind;
  readonly difficulty: Difficulty;
  readonly opportunityId?: string;
}

export function summarizeScenario(scenario: Scenario): ScenarioSummary {
  const { id, title, kind, difficulty } = scenario;
  const opportunityId = scenario.grounding.opportunityId;
  return opportunityId === undefined
    ? { id, title, kind, difficulty }
    : { id, title, kind, difficulty, opportunityId };
}

/** A scenario data file: one or more scenarios. */
export const scenarioFileSchema = z.object({ scenarios: z.array(scenarioSchema).min(1) }).strict();
