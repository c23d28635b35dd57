import { forbidden } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { QuestionLog } from '../ports/question-log.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team } from '../team/team.js';
import { describePhrasings } from './describe-cluster.js';
import { tallyPeriods, type ClusterTally } from './period-counts.js';

/** Roles that may see insights. */
export const INSIGHTS_ROLES: readonly string[] = ['Manager', 'Admin'];

export interface InsightsOptions {
  /** Phrasings are shown only for groups asked by at least this many different people (default 2). */
  readonly minAskers?: number;
}

/** A group of similar questions as a manager sees it: counts, and phrasings only when enough people asked. */
export interface QuestionCluster {
  readonly clusterId: string;
  /** The most central phrasing; null when fewer than `minAskers` different people asked. */
  readonly label: string | null;
  /** Up to three other phrasings, most central first (empty when the label is hidden). */
  readonly examples: readonly string[];
  /** Questions this period. */
  readonly count: number;
  /** Questions in the period before. */
  readonly previousCount: number;
  /** Different people who asked this period. */
  readonly askers: number;
  /** UTC days (`YYYY-MM-DD`) of the first and last question this period. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The roles of the teams whose people asked. */
  readonly roles: readonly string[];
}

export interface CommonQuestions {
  readonly groups: QuestionCluster[];
  /** Groups growing most against the previous period (at most five). */
  readonly rising: QuestionCluster[];
  /** Questions this period (before `limit`), and in the previous period. */
  readonly totalQuestions: number;
  readonly previousTotal: number;
  readonly teams: { readonly id: string; readonly name: string }[];
  readonly minAskers: number;
  readonly period: { readonly from: string; readonly to: string; readonly previousFrom: string };
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * "What does my team ask most": reads the stored per-day cluster counts of the teams the
 * viewer may see (a manager: the teams they manage; Admin: every team), never other teams',
 * never private sessions' (they are not counted), and only questions asked in the team's
 * role. Counts and phrasings only; nobody's name or id.
 */
export class InsightsService {
  constructor(
    private readonly deps: { questions: QuestionLog; teams: TeamDirectory; clock: Clock },
    private readonly options: InsightsOptions = {},
  ) {}

  /** The teams whose insights this user may read (refuses anyone but Managers and Admins). */
  visibleTeams(user: User, teamId?: string): readonly Team[] {
    if (!user.roles.some((role) => INSIGHTS_ROLES.includes(role))) {
      throw forbidden(`Insights need one of the roles: ${INSIGHTS_ROLES.join(', ')}`);
    }
    const teams = this.deps.teams.visibleTeams(user);
    if (teamId === undefined) return teams;
    const team = teams.find((t) => t.id === teamId);
    if (!team) throw forbidden('You do not manage that team');
    return [team];
  }

  async commonQuestions(
    user: User,
    input: { days?: number; limit?: number; teamId?: string },
  ): Promise<CommonQuestions> {
    return this.forTeams(this.visibleTeams(user, input.teamId), input);
  }

  /** The same reading for teams the caller has already been authorized for (the team digest). */
  async forTeams(
    teams: readonly Team[],
    input: { days?: number; limit?: number },
  ): Promise<CommonQuestions> {
    const days = clamp(input.days ?? 30, 1, 365);
    const limit = clamp(input.limit ?? 10, 1, 100);
    const minAskers = this.options.minAskers ?? 2;
    const now = this.deps.clock.now().getTime();
    // Whole UTC days: today and the days before it.
    const from = dayOf(now - (days - 1) * DAY_MS);
    const previousFrom = dayOf(now - (2 * days - 1) * DAY_MS);
    const teamIds = teams.map((t) => t.id);
    const rows =
      teamIds.length === 0
        ? []
        : await this.deps.questions.dayCounts({ teamIds, sinceDay: previousFrom });
    const tallies = [...tallyPeriods(rows, from, previousFrom).values()];
    const current = tallies
      .filter((t) => t.count > 0)
      .sort((a, b) => b.count - a.count || b.lastDay.localeCompare(a.lastDay));
    const rising = tallies
      .filter((t) => t.count > t.previousCount)
      .sort((a, b) => b.count - b.previousCount - (a.count - a.previousCount) || b.count - a.count)
      .slice(0, 5);
    const shown = [
      ...new Map([...current.slice(0, limit), ...rising].map((t) => [t.clusterId, t])).values(),
    ];
    const described = await this.describe(shown, teams, `${from}T00:00:00.000Z`, minAskers);
    const pick = (t: ClusterTally) => described.get(t.clusterId)!;
    return {
      groups: current.slice(0, limit).map(pick),
      rising: rising.map(pick),
      totalQuestions: current.reduce((n, t) => n + t.count, 0),
      previousTotal: tallies.reduce((n, t) => n + t.previousCount, 0),
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
      minAskers,
      period: { from, to: dayOf(now), previousFrom },
    };
  }

  private async describe(
    tallies: readonly ClusterTally[],
    teams: readonly Team[],
    since: string,
    minAskers: number,
  ): Promise<Map<string, QuestionCluster>> {
    const named = tallies.filter((t) => t.askers.size >= minAskers);
    const clusters = new Map(
      (await this.deps.questions.getClusters(named.map((t) => t.clusterId))).map((c) => [c.id, c]),
    );
    const out = new Map<string, QuestionCluster>();
    for (const tally of tallies) {
      const teamIds = [...tally.teamIds];
      const phrasings =
        tally.askers.size >= minAskers
          ? describePhrasings(
              clusters.get(tally.clusterId),
              await this.deps.questions.sample({
                clusterId: tally.clusterId,
                teamIds,
                since,
                limit: 50,
              }),
              3,
            )
          : undefined;
      out.set(tally.clusterId, {
        clusterId: tally.clusterId,
        label: phrasings?.label ?? null,
        examples: phrasings?.examples ?? [],
        count: tally.count,
        previousCount: tally.previousCount,
        askers: tally.askers.size,
        firstSeen: tally.firstDay,
        lastSeen: tally.lastDay,
        roles: [...new Set(teams.filter((t) => tally.teamIds.has(t.id)).map((t) => t.role))],
      });
    }
    return out;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.trunc(value), min), max);
}
