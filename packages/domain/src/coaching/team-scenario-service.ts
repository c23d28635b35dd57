import { forbidden, invalid, notFound } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { TeamScenarioRepository } from '../ports/team-scenario-repository.port.js';
import { methodologyProblems, type PracticeLibrary } from '../practice/library.js';
import {
  scenarioSchema,
  summarizeScenario,
  type Scenario,
  type ScenarioSummary,
} from '../practice/scenario.js';
import { managedTeam, onTeam } from './team-access.js';
import {
  draftTeamScenario,
  teamOfScenarioId,
  teamScenarioId,
  type TeamScenario,
} from './team-scenario.js';

const LIST_LIMIT = 50;

export interface TeamScenarioServiceDeps {
  readonly scenarios: TeamScenarioRepository;
  readonly teams: TeamDirectory;
  readonly library: PracticeLibrary;
  readonly clock: Clock;
}

/**
 * "Make a scenario": a team's manager drafts a practice scenario from an insights cluster,
 * edits it and saves it for the team; the team's people practise it like a library one.
 */
export class TeamScenarioService {
  constructor(private readonly deps: TeamScenarioServiceDeps) {}

  /** A scenario prefilled from the cluster's question (not stored). */
  draft(user: User, input: { teamId: string; question: string; examples?: string[] }): Scenario {
    const team = managedTeam(this.deps.teams, user, input.teamId, 'make scenarios for it');
    return draftTeamScenario(
      this.deps.library,
      { ...input, teamId: team.id, createdBy: user.id },
      newId(),
    );
  }

  /** Validated like the library's files (schema, known methodology); the id is the server's. */
  async create(
    user: User,
    input: { teamId: string; clusterId?: string; scenario: unknown },
  ): Promise<TeamScenario> {
    const team = managedTeam(this.deps.teams, user, input.teamId, 'make scenarios for it');
    const parsed = scenarioSchema.safeParse({
      ...(typeof input.scenario === 'object' ? input.scenario : {}),
      id: teamScenarioId(team.id, newId()),
      createdBy: user.id,
    });
    if (!parsed.success)
      throw invalid(
        `The scenario is not valid: ${parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ')}`,
      );
    const problems = methodologyProblems(parsed.data, this.deps.library.methodologies);
    if (problems.length > 0) throw invalid(`The scenario is not valid: ${problems.join('; ')}`);
    return this.deps.scenarios.add({
      teamId: team.id,
      ...(input.clusterId ? { clusterId: input.clusterId } : {}),
      scenario: { ...parsed.data, grounding: {} },
      createdBy: { id: user.id, name: user.name },
      createdAt: this.deps.clock.now().toISOString(),
    });
  }

  /** A team's scenarios, for its people, its managers and Admin. */
  async listForTeam(user: User, teamId: string): Promise<ScenarioSummary[]> {
    if (!onTeam(this.deps.teams, user, teamId)) throw forbidden('You are not on that team');
    const found = await this.deps.scenarios.listByTeams([teamId], { limit: LIST_LIMIT });
    return found.map((t) => summarizeScenario(t.scenario));
  }

  /** The scenarios of every team the user is on, for the practice listing. */
  async forUser(user: User): Promise<ScenarioSummary[]> {
    const teamIds = this.deps.teams.teamsOf(user).map((t) => t.id);
    if (teamIds.length === 0) return [];
    const found = await this.deps.scenarios.listByTeams(teamIds, { limit: LIST_LIMIT });
    return found.map((t) => summarizeScenario(t.scenario));
  }

  /** A team scenario the user may play (they are on its team, or may see it); undefined for other ids. */
  async find(user: User, scenarioId: string): Promise<Scenario | undefined> {
    const teamId = teamOfScenarioId(scenarioId);
    if (teamId === undefined) return undefined;
    if (!onTeam(this.deps.teams, user, teamId)) throw notFound('Scenario');
    return (await this.deps.scenarios.get(teamId, scenarioId))?.scenario;
  }

  /** A scenario's title when it is the library's or this team's; undefined otherwise. */
  async titleFor(teamId: string, scenarioId: string): Promise<string | undefined> {
    const library = this.deps.library.scenarios.get(scenarioId);
    if (library) return library.title;
    if (teamOfScenarioId(scenarioId) !== teamId) return undefined;
    return (await this.deps.scenarios.get(teamId, scenarioId))?.scenario.title;
  }
}
