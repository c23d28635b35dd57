import { z } from 'zod';
import { ACTIVITY_TYPES, REGIONS, STAGES } from './crm-model.js';

/** Input and output schemas of the CRM tools. Outputs are flat rows so tables and charts can be derived. */

const owner = z
  .string()
  .min(1)
  .max(200)
  .describe(
    'A rep id (e.g. "alex"), an email, a name, or "me" for the signed-in user. A manager means their team.',
  );
const quarter = z
  .string()
  .min(2)
  .max(40)
  .describe('A quarter: "2026-Q4", "this quarter", "next quarter" or "last quarter".');
const stage = z.enum(STAGES);
const money = z.number().describe('USD');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One opportunity as the reads list it (and the writes answer with it). */
export const opportunityRow = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  stage,
  amount: money,
  probability: z.number(),
  closeDate: isoDate,
  nextStep: z.string().nullable(),
  lastActivityDate: isoDate.nullable(),
});

export const inputs = {
  searchAccounts: z
    .object({
      query: z
        .string()
        .max(100)
        .optional()
        .describe('Words in the account name or industry; empty lists all'),
      region: z.enum(REGIONS).optional(),
      owner: owner.optional(),
      limit: z.number().int().min(1).max(50).default(10),
    })
    .strict(),
  getAccount: z
    .object({
      accountId: z
        .string()
        .min(1)
        .max(200)
        .describe('An account id (acc-001) or exact account name'),
    })
    .strict(),
  listOpportunities: z
    .object({
      owner: owner.optional(),
      stage: stage.optional(),
      quarter: quarter.optional().describe('Only deals closing in this quarter'),
      minAmount: z.number().min(0).optional(),
      accountId: z.string().min(1).max(40).optional(),
      nameContains: z
        .string()
        .trim()
        .min(2)
        .max(200)
        .optional()
        .describe(
          'Only deals whose name or account name has all these words, e.g. "Quarry Robotics"',
        ),
      openOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(100).default(25),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  pipelineSummary: z
    .object({
      quarter: quarter.default('this quarter'),
      groupBy: z.enum(['stage', 'owner', 'month']).default('stage'),
      owner: owner.optional(),
    })
    .strict(),
  forecast: z
    .object({ quarter: quarter.default('this quarter'), owner: owner.optional() })
    .strict(),
  repScorecard: z
    .object({ quarter: quarter.default('this quarter'), owner: owner.optional() })
    .strict(),
  dealRisks: z
    .object({
      owner: owner.optional(),
      quarter: quarter
        .optional()
        .describe('Only deals closing in this quarter; all open deals when absent'),
      staleDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(14)
        .describe('No activity for this many days is a risk'),
      limit: z.number().int().min(1).max(100).default(25),
    })
    .strict(),
  listReps: z.object({}).strict(),
};

export const outputs = {
  searchAccounts: z.object({
    total: z.number().int(),
    rows: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        industry: z.string(),
        region: z.string(),
        ownerId: z.string(),
        ownerName: z.string(),
        openOpportunities: z.number().int(),
        openPipeline: money,
      }),
    ),
  }),
  getAccount: z.object({
    account: z.object({
      id: z.string(),
      name: z.string(),
      industry: z.string(),
      region: z.string(),
      employees: z.number().int(),
      annualRevenue: money,
      ownerId: z.string(),
      ownerName: z.string(),
    }),
    contacts: z.array(
      z.object({ id: z.string(), name: z.string(), title: z.string(), email: z.string() }),
    ),
    opportunities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        stage,
        amount: money,
        closeDate: isoDate,
        ownerId: z.string(),
      }),
    ),
    recentActivities: z.array(
      z.object({
        date: isoDate,
        type: z.enum(ACTIVITY_TYPES),
        subject: z.string(),
        repId: z.string(),
      }),
    ),
  }),
  listOpportunities: z.object({
    owner: z.string().nullable(),
    quarter: z.string().nullable(),
    total: z.number().int(),
    totalAmount: money,
    offset: z.number().int(),
    limit: z.number().int(),
    rows: z.array(opportunityRow),
  }),
  pipelineSummary: z.object({
    quarter: z.string(),
    groupBy: z.enum(['stage', 'owner', 'month']),
    owner: z.string().nullable(),
    rows: z.array(
      z.object({
        group: z.string(),
        count: z.number().int(),
        amount: money,
        openAmount: money,
        weightedAmount: money,
        wonAmount: money,
      }),
    ),
    total: z.object({
      count: z.number().int(),
      amount: money,
      openAmount: money,
      weightedAmount: money,
      wonAmount: money,
    }),
  }),
  forecast: z.object({
    quarter: z.string(),
    owner: z.string().nullable(),
    quota: money,
    closedWon: money,
    commit: money.describe('Closed won plus deals in Negotiation'),
    bestCase: money.describe('Commit plus deals in Proposal'),
    pipeline: money.describe('All open deals closing in the quarter'),
    attainmentPct: z.number(),
    coveragePct: z.number().nullable().describe('Open pipeline over the remaining quota'),
    gapToQuota: money,
    rows: z.array(
      z.object({
        ownerId: z.string(),
        ownerName: z.string(),
        quota: money,
        closedWon: money,
        commit: money,
        bestCase: money,
        pipeline: money,
        attainmentPct: z.number(),
      }),
    ),
  }),
  repScorecard: z.object({
    quarter: z.string(),
    rows: z.array(
      z.object({
        repId: z.string(),
        name: z.string(),
        region: z.string(),
        quota: money,
        closedWon: money,
        attainmentPct: z.number(),
        dealsWon: z.number().int(),
        dealsLost: z.number().int(),
        winRatePct: z.number().nullable(),
        avgCycleDays: z.number().nullable(),
        avgDealSize: z.number().nullable(),
        openPipeline: money,
        activities: z.number().int(),
        calls: z.number().int(),
        emails: z.number().int(),
        meetings: z.number().int(),
        demos: z.number().int(),
      }),
    ),
  }),
  dealRisks: z.object({
    asOf: isoDate,
    staleDays: z.number().int(),
    owner: z.string().nullable(),
    quarter: z.string().nullable(),
    total: z.number().int(),
    rows: z.array(
      z.object({
        opportunityId: z.string(),
        name: z.string(),
        accountName: z.string(),
        ownerId: z.string(),
        ownerName: z.string(),
        stage,
        amount: money,
        closeDate: isoDate,
        risks: z.array(
          z.enum(['stale_next_step', 'slipped_close_date', 'single_contact', 'no_recent_activity']),
        ),
        daysSinceActivity: z.number().int().nullable(),
      }),
    ),
  }),
  listReps: z.object({
    rows: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        role: z.enum(['rep', 'manager']),
        managerId: z.string().nullable(),
        region: z.string(),
        quarterlyQuota: money,
      }),
    ),
  }),
};

export type Outputs = { [K in keyof typeof outputs]: z.infer<(typeof outputs)[K]> };
export type Inputs = { [K in keyof typeof inputs]: z.infer<(typeof inputs)[K]> };
