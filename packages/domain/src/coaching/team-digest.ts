import { forbidden } from '../errors/domain-error.js';
import type { InsightsService } from '../insights/insights-service.js';
import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import type { PinnedAnswerRepository } from '../ports/pinned-answer-repository.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team } from '../team/team.js';
import type { ProgressService } from './progress-service.js';
import type { TeamPipeline, TeamPipelineSource } from '../ports/team-pipeline.port.js';
import type { TeamRooms } from './team-room.js';

/** A service identity (its verified user id) and the teams whose rooms it may post to. */
export interface ServiceGrant {
  readonly principal: string;
  readonly teams: readonly string[];
}

export interface DigestSummary {
  readonly team: { readonly id: string; readonly name: string };
  readonly period: { readonly from: string; readonly to: string };
  readonly practice: {
    readonly assigned: number;
    readonly done: number;
    readonly overdue: number;
    readonly reps: readonly {
      readonly name: string;
      readonly assigned: number;
      readonly done: number;
      readonly overdue: number;
      readonly latestScore: number | null;
    }[];
  };
  readonly questions: {
    readonly total: number;
    readonly previousTotal: number;
    /** Topics asked this week that were not asked the week before, most asked first. */
    readonly new: readonly { readonly label: string; readonly count: number }[];
    readonly top: readonly {
      readonly label: string;
      readonly count: number;
      readonly previousCount: number;
    }[];
  };
  readonly pinnedAnswers: number;
  /** This quarter's pipeline totals for the team; null when the CRM could not say. */
  readonly pipeline: TeamPipeline | null;
}

export interface TeamDigestDeps {
  readonly grants: readonly ServiceGrant[];
  readonly teams: TeamDirectory;
  readonly progress: ProgressService;
  readonly insights: InsightsService;
  readonly pins: PinnedAnswerRepository;
  readonly rooms: TeamRooms;
  /** The team's pipeline totals; without it the digest has none. */
  readonly pipeline?: TeamPipelineSource;
}

/**
 * What the weekly team digest reads and where it posts: only a configured service identity,
 * only for the teams it is configured for. Counts and the wording of topics enough people
 * asked (the insights rules); never who asked.
 */
export class TeamDigest {
  constructor(private readonly deps: TeamDigestDeps) {}

  private authorize(service: User, teamIdOrName: string): Team {
    const grant = this.deps.grants.find((g) => g.principal === service.id);
    const team = this.deps.teams.find(teamIdOrName);
    if (!grant || !team || !grant.teams.includes(team.id))
      throw forbidden('This service may not post to that team’s room');
    return team;
  }

  async summary(service: User, teamIdOrName: string): Promise<DigestSummary> {
    const team = this.authorize(service, teamIdOrName);
    const [progress, insights, pins, pipeline] = await Promise.all([
      this.deps.progress.ofTeam(team),
      this.deps.insights.forTeams([team], { days: 7, limit: 5 }),
      this.deps.pins.listByTeams([team.id], { limit: 50 }),
      this.pipelineOf(team, service),
    ]);
    const sum = (key: 'assigned' | 'done' | 'overdue') =>
      progress.reps.reduce((n, r) => n + r[key], 0);
    const labelled = insights.groups.filter((g) => g.label !== null);
    return {
      team: { id: team.id, name: team.name },
      period: { from: insights.period.from, to: insights.period.to },
      practice: {
        assigned: sum('assigned'),
        done: sum('done'),
        overdue: sum('overdue'),
        reps: progress.reps.map(({ name, assigned, done, overdue, latestScore }) => ({
          name,
          assigned,
          done,
          overdue,
          latestScore,
        })),
      },
      questions: {
        total: insights.totalQuestions,
        previousTotal: insights.previousTotal,
        new: labelled
          .filter((g) => g.previousCount === 0)
          .map((g) => ({ label: g.label!, count: g.count })),
        top: labelled.map((g) => ({
          label: g.label!,
          count: g.count,
          previousCount: g.previousCount,
        })),
      },
      pinnedAnswers: pins.length,
      pipeline,
    };
  }

  /** The team's pipeline, or null when there is no source or it cannot say (never a failed digest). */
  private async pipelineOf(team: Team, service: User): Promise<TeamPipeline | null> {
    if (!this.deps.pipeline) return null;
    try {
      return (await this.deps.pipeline.forTeam(team, service)) ?? null;
    } catch {
      return null;
    }
  }

  /** Posts the digest into the team's room as the coach. */
  async post(service: User, teamIdOrName: string, content: string): Promise<Message> {
    return this.deps.rooms.postAsCoach(this.authorize(service, teamIdOrName), content);
  }
}
