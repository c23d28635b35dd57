import { invalid, notFound } from '../errors/domain-error.js';
import type { Group } from '../model/group.js';
import type { ConversationRef, Message } from '../model/message.js';
import type { Session } from '../model/session.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { InsightsService } from '../insights/insights-service.js';
import {
  FEEDBACK_REASON_MAX,
  type AnswerFeedback,
  type FeedbackRating,
  type MyFeedback,
} from './answer-feedback.js';
import type { FeedbackLog } from '../ports/feedback-log.port.js';
import { tallyTopics, type TopicFeedback } from './topic-tally.js';

/** A conversation named by the caller: one of their sessions, or a room they belong to. */
export type FeedbackTarget =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'group'; readonly groupId: string };

export interface FeedbackServiceDeps {
  readonly feedback: FeedbackLog;
  readonly messages: MessageRepository;
  /** Resolve only what the user may read; they throw NOT_FOUND otherwise. */
  readonly sessions: { getSession(user: User, sessionId: string): Promise<Session> };
  readonly groups?: { get(user: User, groupId: string): Promise<Group> };
  readonly teams: TeamDirectory;
  readonly insights: InsightsService;
  /** The insights cluster a question belongs to (read only; null when none fits). */
  readonly topicOf: (question: string) => Promise<string | null>;
  readonly clock: Clock;
}

export interface RateInput {
  readonly conversation: FeedbackTarget;
  readonly messageId: string;
  /** Null takes the feedback back. */
  readonly rating: FeedbackRating | null;
  readonly reason?: string;
}

const QUESTION_LOOKBACK = 20;

/**
 * "Good answer" / "Bad answer" on coach answers. Anyone who may read the conversation may
 * rate its answers (only coach answers); managers see the counts per topic of their own
 * teams' people, never private sessions', never who rated or why.
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  async rate(user: User, input: RateInput): Promise<MyFeedback | null> {
    const place = await this.resolve(user, input.conversation);
    const answer = await this.deps.messages.get(place.ref, input.messageId);
    if (!answer) throw notFound('Message');
    if (answer.author.kind !== 'assistant') throw invalid('Only coach answers can be rated');
    const conversationId = answer.conversationId;
    if (input.rating === null) {
      await this.deps.feedback.remove(conversationId, user.id, answer.id);
      return null;
    }
    const reason = input.reason?.trim().slice(0, FEEDBACK_REASON_MAX) || undefined;
    const now = this.deps.clock.now().toISOString();
    const question = await this.questionBefore(place.ref, answer);
    const record: AnswerFeedback = {
      messageId: answer.id,
      conversationKind: place.ref.kind,
      conversationId,
      userId: user.id,
      rating: input.rating,
      ...(reason ? { reason } : {}),
      role: place.role,
      teamIds: this.deps.teams
        .teamsOf(user)
        .filter((t) => t.relation === 'member' && t.role === place.role)
        .map((t) => t.id),
      private: place.private,
      clusterId: question ? await this.deps.topicOf(question.content) : null,
      createdAt: now,
      updatedAt: now,
    };
    const stored = await this.deps.feedback.put(record);
    return mine(stored);
  }

  async mine(user: User, conversation: FeedbackTarget): Promise<MyFeedback[]> {
    const place = await this.resolve(user, conversation);
    const id = place.ref.kind === 'session' ? place.ref.sessionId : place.ref.groupId;
    return (await this.deps.feedback.listMine(id, user.id)).map(mine);
  }

  /** Called after a session became private or not. */
  setPrivate(conversationId: string, isPrivate: boolean): Promise<number> {
    return this.deps.feedback.setPrivate(conversationId, isPrivate);
  }

  /** Managers (Admin: every team): good and bad counts per topic over the last `days`. */
  async byTopic(
    user: User,
    input: { days?: number; teamId?: string },
  ): Promise<{ topics: TopicFeedback[]; days: number }> {
    const teams = this.deps.insights.visibleTeams(user, input.teamId);
    const days = Math.min(Math.max(Math.trunc(input.days ?? 30), 1), 365);
    const since = new Date(this.deps.clock.now().getTime() - days * 86_400_000).toISOString();
    const teamIds = teams.map((t) => t.id);
    const records =
      teamIds.length === 0 ? [] : await this.deps.feedback.listForTeams({ teamIds, since });
    const labels = await this.deps.insights.commonQuestions(user, {
      days,
      limit: 100,
      ...(input.teamId ? { teamId: input.teamId } : {}),
    });
    const named = new Map(labels.groups.map((g) => [g.clusterId, g.label]));
    return { topics: tallyTopics(records, (id) => named.get(id) ?? null), days };
  }

  private async resolve(
    user: User,
    target: FeedbackTarget,
  ): Promise<{ ref: ConversationRef; role: string; private: boolean }> {
    if (target.kind === 'session') {
      const session = await this.deps.sessions.getSession(user, target.sessionId);
      return {
        ref: { kind: 'session', userId: user.id, sessionId: session.id },
        role: session.role,
        private: session.private ?? false,
      };
    }
    if (!this.deps.groups) throw notFound('Room');
    const group = await this.deps.groups.get(user, target.groupId);
    return { ref: { kind: 'group', groupId: group.id }, role: group.role, private: false };
  }

  private async questionBefore(ref: ConversationRef, answer: Message): Promise<Message | null> {
    const earlier = await this.deps.messages.list(ref, {
      beforeSeq: answer.seq,
      limit: QUESTION_LOOKBACK,
    });
    return earlier.findLast((m) => m.author.kind === 'user') ?? null;
  }
}

const mine = (r: AnswerFeedback): MyFeedback => ({
  messageId: r.messageId,
  rating: r.rating,
  ...(r.reason ? { reason: r.reason } : {}),
});
