import type { RouterOutputs } from '@salescoach/api';

export type PracticeSummary = RouterOutputs['practice']['list'][number];
export type ScenarioOption = RouterOutputs['practice']['scenarios'][number];
export type PracticeScorecard = NonNullable<PracticeSummary['scorecard']>;
export type CheckVerdict = PracticeScorecard['checks'][number];
