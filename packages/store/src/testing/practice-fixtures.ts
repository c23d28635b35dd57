import { newId, type Practice, type Scenario } from '@salescoach/domain';
import { nextTimestamp } from './store-fixtures.js';

export const scenarioFixture = (overrides: Partial<Scenario> = {}): Scenario => ({
  id: 'discovery-test',
  title: 'Discovery call (test)',
  kind: 'discovery',
  difficulty: 'realistic',
  brief: 'Find the pain.',
  persona: {
    name: 'Dana Whitfield',
    title: 'Director of Operations',
    company: 'Northwind Freight',
    style: 'Busy and polite.',
    goals: ['Cut manual work'],
    opening: 'Hi, this is Dana.',
    hiddenFacts: [{ kind: 'budget', text: 'We set aside about $120k.' }],
    objections: [{ when: 'pitch', text: 'Everyone says that.' }],
    background: [],
  },
  grounding: { opportunityId: 'opp-0001' },
  methodology: ['meddicc'],
  createdBy: 'alex',
  ...overrides,
});

export function practiceFixture(
  userId: string,
  sessionId: string,
  overrides: Partial<Practice> = {},
): Practice {
  const at = nextTimestamp();
  return {
    id: newId(),
    userId,
    sessionId,
    role: 'Sales',
    scenario: scenarioFixture(),
    status: 'active',
    hints: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
