import type { TeamScenario } from '../coaching/team-scenario.js';

/** Practice scenarios a team's manager made (often from an insights cluster), kept per team. */
export interface TeamScenarioRepository {
  add(scenario: TeamScenario): Promise<TeamScenario>;
  /** Null when absent or another team's. */
  get(teamId: string, scenarioId: string): Promise<TeamScenario | null>;
  /** Newest first, at most `limit` for each team. */
  listByTeams(teamIds: readonly string[], options: { limit: number }): Promise<TeamScenario[]>;
}
