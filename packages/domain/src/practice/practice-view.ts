import type { Practice } from './practice.js';
import { summarizeScenario, type ScenarioSummary } from './scenario.js';

/**
 * A practice as its rep's client sees it: the scenario without the buyer's hidden facts
 * and planned objections (a rep who could read them would not be practising).
 */
export interface PracticeView extends Omit<Practice, 'scenario'> {
  readonly scenario: ScenarioSummary & {
    readonly brief: string;
    readonly persona: { readonly name: string; readonly title: string; readonly company: string };
  };
}

export function practiceView(practice: Practice): PracticeView {
  const { scenario, ...rest } = practice;
  const { name, title, company } = scenario.persona;
  return {
    ...rest,
    scenario: {
      ...summarizeScenario(scenario),
      brief: scenario.brief,
      persona: { name, title, company },
    },
  };
}
