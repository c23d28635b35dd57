import { z } from 'zod';
import { STAGES } from '../crm-model.js';
import { opportunityRow } from '../crm-schemas.js';

/** Input and output schemas of the CRM write tools. */

export const ACTIVITY_KINDS = ['call', 'meeting', 'email', 'note'] as const;
/** The largest discount a rep may ask for here; more goes through the deal desk by hand. */
export const MAX_DISCOUNT_PERCENT = 50;
export const MAX_AMOUNT = 100_000_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD (e.g. 2027-03-31)');

/** Which opportunity: its id, or words from its name or its account's name. */
const target = {
  opportunityId: z
    .string()
    .trim()
    .regex(/^opp-\d{4}$/, 'expected an opportunity id such as opp-0408')
    .optional()
    .describe('The opportunity id, e.g. "opp-0408". Give this or opportunity.'),
  opportunity: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .optional()
    .describe(
      'Words from the opportunity name or its account name, e.g. "Quarry Robotics". When several of your deals match, you are asked to pick one.',
    ),
  idempotencyKey: z
    .string()
    .trim()
    .min(8)
    .max(100)
    .optional()
    .describe(
      'Any unique string for this change; repeating a call with the same key changes nothing and returns the first result.',
    ),
};

export const writeInputs = {
  logActivity: z
    .object({
      ...target,
      kind: z.enum(ACTIVITY_KINDS).describe('call, meeting, email or note'),
      summary: z.string().trim().min(3).max(2_000).describe('What happened, in a sentence or two'),
      occurredAt: z
        .string()
        .regex(
          /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/,
          'expected a date (YYYY-MM-DD) or an ISO date-time',
        )
        .optional()
        .describe('When it happened (YYYY-MM-DD or ISO date-time); today when absent'),
    })
    .strict(),
  updateNextStep: z
    .object({
      ...target,
      nextStep: z.string().trim().min(3).max(300).describe('The next step, e.g. "Product demo"'),
      nextStepDate: isoDate.describe('When the next step happens (YYYY-MM-DD, today or later)'),
    })
    .strict(),
  updateCloseDate: z
    .object({
      ...target,
      closeDate: isoDate.describe('The new expected close date (YYYY-MM-DD, today or later)'),
    })
    .strict(),
  updateStage: z
    .object({
      ...target,
      stage: z.enum(STAGES).describe(`The new stage: ${STAGES.join(', ')}`),
    })
    .strict(),
  updateAmount: z
    .object({
      ...target,
      amount: z
        .number()
        .positive('amount must be more than 0')
        .max(MAX_AMOUNT, `amount must be at most ${MAX_AMOUNT}`)
        .describe('The new deal amount in USD'),
    })
    .strict(),
  requestDiscount: z
    .object({
      ...target,
      percent: z
        .number()
        .positive('percent must be more than 0')
        .max(MAX_DISCOUNT_PERCENT, `percent must be at most ${MAX_DISCOUNT_PERCENT}`)
        .describe(
          `The discount asked for, in percent (more than 0, at most ${MAX_DISCOUNT_PERCENT})`,
        ),
      reason: z.string().trim().min(3).max(500).describe('Why the customer should get it'),
    })
    .strict(),
};

const money = z.number().describe('USD');
const fieldValue = z.union([z.string(), z.number(), z.null()]);

export const opportunityView = opportunityRow.extend({ nextStepDate: isoDate.nullable() });

const updateOutput = z.object({
  opportunity: opportunityView,
  changed: z.boolean().describe('false when the opportunity already had this value'),
  changes: z.array(z.object({ field: z.string(), previous: fieldValue, current: fieldValue })),
});

export const writeOutputs = {
  logActivity: z.object({
    activity: z.object({
      id: z.string(),
      opportunityId: z.string(),
      kind: z.enum(ACTIVITY_KINDS),
      summary: z.string(),
      occurredAt: z.string(),
      loggedBy: z.string(),
    }),
    opportunity: opportunityView,
  }),
  updateNextStep: updateOutput,
  updateCloseDate: updateOutput,
  updateStage: updateOutput,
  updateAmount: updateOutput,
  requestDiscount: z.object({
    discountRequest: z.object({
      id: z.string(),
      opportunityId: z.string(),
      percent: z.number(),
      reason: z.string(),
      status: z.literal('requested'),
      requestedBy: z.string(),
      requestedAt: z.string(),
      listAmount: money,
      discountedAmount: money,
    }),
    opportunity: opportunityView,
  }),
};

export type WriteInputs = { [K in keyof typeof writeInputs]: z.infer<(typeof writeInputs)[K]> };
export type WriteOutputs = { [K in keyof typeof writeOutputs]: z.infer<(typeof writeOutputs)[K]> };
export type OpportunityView = z.infer<typeof opportunityView>;
/** How a write names its opportunity. */
export interface OpportunityRef {
  readonly opportunityId?: string | undefined;
  readonly opportunity?: string | undefined;
}
