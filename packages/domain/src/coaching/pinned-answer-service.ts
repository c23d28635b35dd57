import { forbidden, invalid, notFound } from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { PinnedAnswerRepository } from '../ports/pinned-answer-repository.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team } from '../team/team.js';
import { managedTeam, onTeam } from './team-access.js';
import {
  PINNED_ANSWER_MAX,
  PINNED_QUESTION_MAX,
  type GroundedSource,
  type PinnedAnswer,
} from './pinned-answer.js';

const LIST_LIMIT = 50;
/** The most pinned answers given to the coach for one answer. */
const GROUNDING_LIMIT = 10;

export interface PinnedAnswerServiceDeps {
  readonly pins: PinnedAnswerRepository;
  readonly teams: TeamDirectory;
  readonly clock: Clock;
}

/**
 * Team FAQ: a team's managers (and Admin) pin answers; the team's people read them in rooms
 * of the team's role, and the coach gets them as grounded sources when it answers one of
 * the team's people in a conversation of the team's role.
 */
export class PinnedAnswerService {
  constructor(private readonly deps: PinnedAnswerServiceDeps) {}

  async pin(
    user: User,
    input: { teamId: string; question: string; answer: string; clusterId?: string },
  ): Promise<PinnedAnswer> {
    const team = this.managed(user, input.teamId);
    const question = input.question.trim().slice(0, PINNED_QUESTION_MAX);
    const answer = input.answer.trim().slice(0, PINNED_ANSWER_MAX);
    if (!question || !answer) throw invalid('A pinned answer needs a question and an answer');
    return this.deps.pins.add({
      id: newId(),
      teamId: team.id,
      ...(input.clusterId ? { clusterId: input.clusterId } : {}),
      question,
      answer,
      pinnedBy: { id: user.id, name: user.name },
      createdAt: this.deps.clock.now().toISOString(),
    });
  }

  async unpin(user: User, input: { teamId: string; pinId: string }): Promise<void> {
    const team = this.managed(user, input.teamId);
    if (!(await this.deps.pins.remove(team.id, input.pinId))) throw notFound('Pinned answer');
  }

  /** A team's entries, for its managers, Admin and its members. */
  async list(user: User, teamId: string): Promise<PinnedAnswer[]> {
    if (!onTeam(this.deps.teams, user, teamId)) throw forbidden('You are not on that team');
    return this.deps.pins.listByTeams([teamId], { limit: LIST_LIMIT });
  }

  /** What is pinned for this person in a conversation of this role: their teams of that role. */
  async forConversation(user: User, role: string): Promise<PinnedAnswer[]> {
    const teamIds = this.deps.teams
      .teamsOf(user)
      .filter((t) => t.role === role)
      .map((t) => t.id);
    if (teamIds.length === 0) return [];
    const pins = await this.deps.pins.listByTeams(teamIds, { limit: LIST_LIMIT });
    return pins.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The coach's grounded sources for an answer to `user` in a conversation of `role`. */
  async groundingFor(user: User, role: string): Promise<GroundedSource[]> {
    const names = new Map(this.deps.teams.all().map((t) => [t.id, t.name]));
    return (await this.forConversation(user, role)).slice(0, GROUNDING_LIMIT).map((pin) => ({
      title: pin.question,
      content: pin.answer,
      origin: `${names.get(pin.teamId) ?? pin.teamId} team FAQ, pinned by ${pin.pinnedBy.name}`,
    }));
  }

  private managed(user: User, teamId: string): Team {
    return managedTeam(this.deps.teams, user, teamId, 'pin answers for it');
  }
}
