import type { DirectoryEntry } from '../group/group-service-deps.js';
import type { User } from '../model/user.js';
import type { AssignmentRepository } from '../ports/assignment-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { PracticeRepository } from '../ports/practice-repository.port.js';
import { appliesTo, statusOf, type Assignment, type AssignmentCompletion } from './assignment.js';
import { ASSIGNMENT_LIST_LIMIT } from './assignment-service.js';
import { checkRates, scorePoints, trendOf, type CheckRate, type ScorePoint } from './progress.js';
import { managedTeam } from './team-access.js';
import type { Team } from '../team/team.js';

/** Scored practices read per rep for their scores and check pass rates. */
const PRACTICES_PER_REP = 50;
/** Points in a rep's trend. */
const TREND_POINTS = 10;

export interface RepProgress {
  readonly userId: string;
  readonly name: string;
  readonly assigned: number;
  readonly done: number;
  readonly overdue: number;
  readonly latestScore: number | null;
  /** Latest score against the mean of the earlier ones in `scores`; null with fewer than two. */
  readonly trend: number | null;
  /** Oldest first, at most ten. */
  readonly scores: ScorePoint[];
  readonly checks: CheckRate[];
}

export interface AssignmentProgress {
  readonly id: string;
  readonly scenarioTitle: string;
  readonly dueAt: string;
  readonly assigned: number;
  readonly done: number;
  readonly overdue: number;
}

export interface TeamProgress {
  readonly team: { readonly id: string; readonly name: string; readonly role: string };
  readonly reps: RepProgress[];
  /** Pass rate per methodology check over the team's scored practices. */
  readonly checks: CheckRate[];
  readonly assignments: AssignmentProgress[];
}

export interface ProgressServiceDeps {
  readonly assignments: AssignmentRepository;
  readonly practices: PracticeRepository;
  readonly teams: TeamDirectory;
  readonly directory: () => readonly DirectoryEntry[] | Promise<readonly DirectoryEntry[]>;
  readonly clock: Clock;
}

/**
 * What a manager sees of the team's practice: per rep, assigned / done / overdue, latest
 * score and trend, pass rate per methodology check; per assignment, who has done it.
 * Only practices in the team's role count.
 */
export class ProgressService {
  constructor(private readonly deps: ProgressServiceDeps) {}

  async forTeam(user: User, teamId: string): Promise<TeamProgress> {
    return this.ofTeam(managedTeam(this.deps.teams, user, teamId, 'see its progress'));
  }

  /** The progress of a team the caller has already been authorized for (the team digest). */
  async ofTeam(team: Team): Promise<TeamProgress> {
    const [assignments, completions, directory] = await Promise.all([
      this.deps.assignments.listByTeams([team.id], { limit: ASSIGNMENT_LIST_LIMIT }),
      this.deps.assignments.completions([team.id]),
      this.deps.directory(),
    ]);
    const repIds = [
      ...new Set([
        ...team.members,
        ...assignments.flatMap((a) => (a.assignees.kind === 'reps' ? a.assignees.userIds : [])),
        ...completions.map((c) => c.userId),
      ]),
    ];
    const names = new Map(directory.map((d) => [d.userId, d.name]));
    const now = this.deps.clock.now();
    // A whole-team assignment counts for the listed reps and for anyone on the team who did it
    // (people on the team through an Entra group are known only once they practise).
    const assignedTo = (a: Assignment, id: string): boolean =>
      a.assignees.kind === 'reps'
        ? appliesTo(a, id)
        : team.members.includes(id) || completionOf(completions, a, id) !== undefined;
    const scored = new Map(
      await Promise.all(
        repIds.map(async (id) => {
          const all = await this.deps.practices.listByUser(id, { limit: PRACTICES_PER_REP });
          return [id, all.filter((p) => p.status === 'scored' && p.role === team.role)] as const;
        }),
      ),
    );
    const reps = repIds.map((userId): RepProgress => {
      const mine = assignments.filter((a) => assignedTo(a, userId));
      const statuses = mine.map((a) => statusOf(a, completionOf(completions, a, userId), now));
      const practices = scored.get(userId) ?? [];
      const points = scorePoints(practices).slice(-TREND_POINTS);
      return {
        userId,
        name: names.get(userId) ?? userId,
        assigned: mine.length,
        done: statuses.filter((s) => s === 'done').length,
        overdue: statuses.filter((s) => s === 'overdue').length,
        latestScore: points.at(-1)?.score ?? null,
        trend: trendOf(points),
        scores: points,
        checks: checkRates(practices),
      };
    });
    return {
      team: { id: team.id, name: team.name, role: team.role },
      reps,
      checks: checkRates([...scored.values()].flat()),
      assignments: assignments.map((a) => {
        const people = repIds.filter((id) => assignedTo(a, id));
        const statuses = people.map((id) => statusOf(a, completionOf(completions, a, id), now));
        return {
          id: a.id,
          scenarioTitle: a.scenarioTitle,
          dueAt: a.dueAt,
          assigned: people.length,
          done: statuses.filter((s) => s === 'done').length,
          overdue: statuses.filter((s) => s === 'overdue').length,
        };
      }),
    };
  }
}

function completionOf(
  completions: readonly AssignmentCompletion[],
  assignment: Assignment,
  userId: string,
): AssignmentCompletion | undefined {
  return completions.find((c) => c.assignmentId === assignment.id && c.userId === userId);
}
