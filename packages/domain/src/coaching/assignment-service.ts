import { invalid } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';
import type { AssignmentRepository } from '../ports/assignment-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Practice } from '../practice/practice.js';
import {
  appliesTo,
  statusOf,
  type Assignees,
  type Assignment,
  type AssignmentCompletion,
  type AssignmentStatus,
} from './assignment.js';
import { managedTeam } from './team-access.js';

export const ASSIGNMENT_LIST_LIMIT = 200;

export interface AssignmentServiceDeps {
  readonly assignments: AssignmentRepository;
  readonly teams: TeamDirectory;
  /** The title of a scenario the team may be assigned (library or the team's own); undefined otherwise. */
  readonly scenarioTitle: (teamId: string, scenarioId: string) => Promise<string | undefined>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface AssignInput {
  readonly teamId: string;
  readonly scenarioId: string;
  readonly assignees: Assignees;
  readonly dueAt: string;
  readonly clusterId?: string;
}

/** An assignment as the rep sees it. */
export interface MyAssignment {
  readonly id: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly dueAt: string;
  readonly assignedBy: string;
  readonly assignedAt: string;
  readonly status: AssignmentStatus;
  readonly completedAt?: string;
  readonly score?: number;
  readonly practiceId?: string;
}

/**
 * "Assign practice": a team's manager (or Admin) assigns a scenario to the team or to named
 * reps of it, with a due date. Reps see theirs; a scored practice of the scenario, started
 * after the assignment, completes it.
 */
export class AssignmentService {
  constructor(private readonly deps: AssignmentServiceDeps) {}

  async assign(user: User, input: AssignInput): Promise<Assignment> {
    const team = managedTeam(this.deps.teams, user, input.teamId, 'assign practice to its reps');
    if (input.assignees.kind === 'reps') {
      const strangers = input.assignees.userIds.filter((id) => !team.members.includes(id));
      if (strangers.length > 0) throw invalid(`Not a rep of ${team.name}: ${strangers.join(', ')}`);
    }
    const now = this.deps.clock.now();
    if (!(Date.parse(input.dueAt) > now.getTime())) throw invalid('The due date must be ahead');
    const scenarioTitle = await this.deps.scenarioTitle(team.id, input.scenarioId);
    if (scenarioTitle === undefined) throw invalid('No such scenario for this team');
    const assignment = await this.deps.assignments.create({
      id: newId(),
      teamId: team.id,
      scenarioId: input.scenarioId,
      scenarioTitle,
      assignees:
        input.assignees.kind === 'team'
          ? { kind: 'team' }
          : { kind: 'reps', userIds: [...new Set(input.assignees.userIds)] },
      dueAt: new Date(input.dueAt).toISOString(),
      ...(input.clusterId ? { clusterId: input.clusterId } : {}),
      assignedBy: { id: user.id, name: user.name },
      createdAt: now.toISOString(),
    });
    this.deps.logger.info(
      { assignmentId: assignment.id, teamId: team.id, kind: assignment.assignees.kind },
      'practice assigned',
    );
    return assignment;
  }

  /** A team's assignments and completions, for its managers and Admin. */
  async forTeam(
    user: User,
    teamId: string,
  ): Promise<{ assignments: Assignment[]; completions: AssignmentCompletion[] }> {
    const team = managedTeam(this.deps.teams, user, teamId, 'see its assignments');
    const [assignments, completions] = await Promise.all([
      this.deps.assignments.listByTeams([team.id], { limit: ASSIGNMENT_LIST_LIMIT }),
      this.deps.assignments.completions([team.id]),
    ]);
    return { assignments, completions };
  }

  /** What is assigned to this rep on their teams, open and overdue first, then by due date. */
  async mine(user: User): Promise<MyAssignment[]> {
    const teams = this.deps.teams.teamsOf(user).filter((t) => t.relation === 'member');
    if (teams.length === 0) return [];
    const teamIds = teams.map((t) => t.id);
    const [assignments, completions] = await Promise.all([
      this.deps.assignments.listByTeams(teamIds, { limit: ASSIGNMENT_LIST_LIMIT }),
      this.deps.assignments.completions(teamIds),
    ]);
    const done = new Map(
      completions.filter((c) => c.userId === user.id).map((c) => [c.assignmentId, c]),
    );
    const names = new Map(teams.map((t) => [t.id, t.name]));
    const now = this.deps.clock.now();
    const rank = { overdue: 0, open: 1, done: 2 } as const;
    return assignments
      .filter((a) => appliesTo(a, user.id))
      .map((a): MyAssignment => {
        const completion = done.get(a.id);
        return {
          id: a.id,
          teamId: a.teamId,
          teamName: names.get(a.teamId) ?? a.teamId,
          scenarioId: a.scenarioId,
          scenarioTitle: a.scenarioTitle,
          dueAt: a.dueAt,
          assignedBy: a.assignedBy.name,
          assignedAt: a.createdAt,
          status: statusOf(a, completion, now),
          ...(completion
            ? {
                completedAt: completion.completedAt,
                score: completion.score,
                practiceId: completion.practiceId,
              }
            : {}),
        };
      })
      .sort((a, b) => rank[a.status] - rank[b.status] || a.dueAt.localeCompare(b.dueAt));
  }

  /** A scored practice completes the rep's open assignments of its scenario made before it started. */
  async practiceScored(user: User, practice: Practice): Promise<number> {
    const scorecard = practice.scorecard;
    if (practice.status !== 'scored' || !scorecard || practice.userId !== user.id) return 0;
    const open = (await this.mine(user)).filter(
      (a) => a.status !== 'done' && a.scenarioId === practice.scenario.id,
    );
    let completed = 0;
    for (const a of open) {
      if (a.assignedAt > practice.createdAt) continue;
      const recorded = await this.deps.assignments.complete({
        assignmentId: a.id,
        teamId: a.teamId,
        userId: user.id,
        practiceId: practice.id,
        score: scorecard.score,
        completedAt: scorecard.createdAt,
      });
      if (recorded) completed += 1;
    }
    if (completed > 0)
      this.deps.logger.info({ practiceId: practice.id, completed }, 'assignments completed');
    return completed;
  }
}
