import type { LlmToolDefinition } from '@salescoach/domain';

const owner = {
  type: 'string',
  description: 'A rep id (e.g. "alex"), an email, a name, or "me" for the signed-in user.',
};
const quarter = {
  type: 'string',
  description: 'A quarter: "2026-Q4", "this quarter", "next quarter" or "last quarter".',
};
export const STAGES = [
  'Prospecting',
  'Qualification',
  'Proposal',
  'Negotiation',
  'Closed Won',
  'Closed Lost',
];

/** Descriptors shaped like the CRM and playbook MCP servers' tools, as the hub exposes them. */
export const TOOLS: LlmToolDefinition[] = [
  {
    name: 'crm__search_accounts',
    description:
      'Find customer accounts by words in their name or industry, optionally by region or owner.',
    parameters: {
      type: 'object',
      properties: {
        query: {
          type: 'string',
          description: 'Words in the account name or industry; empty lists all',
        },
        region: { type: 'string', enum: ['West', 'East', 'Central', 'EMEA'] },
        owner,
        limit: { type: 'integer', default: 10 },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'crm__get_account',
    description: 'One account with its contacts, opportunities and recent activities.',
    parameters: {
      type: 'object',
      properties: {
        accountId: { type: 'string', description: 'An account id (acc-001) or exact account name' },
      },
      required: ['accountId'],
    },
  },
  {
    name: 'crm__list_opportunities',
    description:
      'Opportunities filtered by owner, stage, closing quarter and minimum amount, with paging (sorted by close date).',
    parameters: {
      type: 'object',
      properties: {
        owner,
        stage: { type: 'string', enum: STAGES },
        quarter,
        minAmount: { type: 'number', minimum: 0 },
        accountId: { type: 'string' },
        nameContains: {
          type: 'string',
          description: 'Only deals whose name or account name has all these words',
        },
        openOnly: { type: 'boolean', default: false },
        limit: { type: 'integer', default: 25 },
      },
    },
  },
  {
    name: 'crm__pipeline_summary',
    description:
      'Deals closing in a quarter, grouped by stage, owner or month: count, amount, open, weighted and won amounts.',
    parameters: {
      type: 'object',
      properties: {
        quarter: { ...quarter, default: 'this quarter' },
        groupBy: { type: 'string', enum: ['stage', 'owner', 'month'], default: 'stage' },
        owner,
      },
      additionalProperties: false,
    },
  },
  {
    name: 'crm__forecast',
    description:
      'Quarter forecast: closed won, commit (won + Negotiation), best case (+ Proposal), open pipeline, quota and coverage, per rep.',
    parameters: {
      type: 'object',
      properties: { quarter: { ...quarter, default: 'this quarter' }, owner },
    },
  },
  {
    name: 'crm__rep_scorecard',
    description:
      'Per rep for a quarter: quota attainment, win rate, average sales cycle, deal size, open pipeline and activity counts.',
    parameters: {
      type: 'object',
      properties: { quarter: { ...quarter, default: 'this quarter' }, owner },
    },
  },
  {
    name: 'crm__deal_risks',
    description:
      'Open deals at risk: stale or missing next step, slipped close date, a single contact, or no activity in N days.',
    parameters: {
      type: 'object',
      properties: { owner, quarter, staleDays: { type: 'integer', default: 14 } },
    },
  },
  {
    name: 'playbook__search_playbook',
    description:
      'Search the sales playbook: objection handling, negotiation, discovery questions, MEDDICC qualification.',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', maxLength: 200 } },
      required: ['query'],
    },
  },
];
