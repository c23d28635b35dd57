import type { User } from '../model/user.js';
import type { Team } from '../team/team.js';

/** One stage of a team's pipeline this quarter: totals only, never a deal. */
export interface TeamPipelineStage {
  readonly stage: string;
  readonly deals: number;
  readonly amount: number;
}

/** A team's pipeline for the digest, as the CRM totals it for the team's manager's scope. */
export interface TeamPipeline {
  readonly quarter: string;
  readonly stages: readonly TeamPipelineStage[];
  readonly deals: number;
  readonly openAmount: number;
  readonly weightedAmount: number;
  readonly wonAmount: number;
}

/**
 * Where the digest's pipeline totals come from (the CRM, read with the API's own service
 * credential, which the CRM allows totals only). `undefined` when the source cannot say:
 * the digest then says the pipeline is unavailable rather than failing.
 */
export interface TeamPipelineSource {
  /** `requestedBy`: the service identity the digest runs as (recorded with the CRM call). */
  forTeam(team: Team, requestedBy: User): Promise<TeamPipeline | undefined>;
}
