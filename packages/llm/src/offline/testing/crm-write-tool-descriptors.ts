import type { LlmToolDefinition } from '@salescoach/domain';
import { STAGES, TOOLS } from './crm-tool-descriptors.js';

/** How every CRM write names its deal, as the CRM's schemas say it. */
const target = {
  opportunityId: { type: 'string', description: 'The opportunity id, e.g. "opp-0408".' },
  opportunity: {
    type: 'string',
    description: 'Words from the opportunity name or its account name, e.g. "Quarry Robotics".',
  },
  idempotencyKey: { type: 'string' },
};
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const write = (
  name: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
): LlmToolDefinition => ({
  name: `crm__${name}`,
  description,
  parameters: {
    type: 'object',
    properties: { ...target, ...properties },
    required,
    additionalProperties: false,
  },
});

/** Descriptors shaped like the CRM's write tools, as the hub exposes them. */
export const WRITE_TOOLS: LlmToolDefinition[] = [
  write(
    'log_activity',
    'Record a call, meeting, e-mail or note on one of your opportunities.',
    {
      kind: { type: 'string', enum: ['call', 'meeting', 'email', 'note'] },
      summary: { type: 'string', minLength: 3 },
      occurredAt: { type: 'string' },
    },
    ['kind', 'summary'],
  ),
  write(
    'update_next_step',
    "Set an opportunity's next step and its date (today or later).",
    { nextStep: { type: 'string' }, nextStepDate: isoDate },
    ['nextStep', 'nextStepDate'],
  ),
  write(
    'update_close_date',
    "Move an open opportunity's expected close date (today or later).",
    { closeDate: isoDate },
    ['closeDate'],
  ),
  write(
    'update_stage',
    'Move an opportunity to another stage.',
    { stage: { type: 'string', enum: STAGES } },
    ['stage'],
  ),
  write(
    'update_amount',
    "Change an open opportunity's amount (USD, more than 0).",
    { amount: { type: 'number', exclusiveMinimum: 0 } },
    ['amount'],
  ),
  write(
    'request_discount',
    'Ask for a discount on an open opportunity: a percent and the reason.',
    { percent: { type: 'number' }, reason: { type: 'string' } },
    ['percent', 'reason'],
  ),
];

/** The reads and the writes together, as a Sales user is offered them. */
export const ALL_TOOLS: LlmToolDefinition[] = [...TOOLS, ...WRITE_TOOLS];

/** The same, with a deal list that cannot filter by name: writes then name the deal as asked. */
export const TOOLS_WITHOUT_LOOKUP: LlmToolDefinition[] = ALL_TOOLS.map((tool) => {
  const properties = tool.parameters.properties as Record<string, unknown>;
  if (!('nameContains' in properties)) return tool;
  const { nameContains: _dropped, ...rest } = properties;
  return { ...tool, parameters: { ...tool.parameters, properties: rest } };
});
