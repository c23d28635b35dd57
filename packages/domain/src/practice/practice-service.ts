import type { ConversationCore, SendResult } from '../conversation/conversation-core.js';
import type { FollowedEvent } from '../conversation/follow-stream.js';
import type { MessagePage } from '../conversation/message-page.js';
import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  notFound,
} from '../errors/domain-error.js';
import { newId } from '../model/ids.js';
import { conversationId, emptyAttachments, type ConversationRef } from '../model/message.js';
import { SESSION_TITLE_MAX } from '../model/session.js';
import { hasRole, primaryRole, type User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { SessionRepository } from '../ports/session-repository.port.js';
import type { CrmCaller, CrmReader } from './crm-reader.js';
import {
  buildDealScenario,
  dealScenarioId,
  dealScenarioTitle,
  kindForStage,
  opportunityOfScenarioId,
} from './deal-scenario.js';
import type { HintWriter } from './hint-writer.js';
import type { PracticeLibrary } from './library.js';
import { checksFor } from './methodology.js';
import type { PracticeRepository } from '../ports/practice-repository.port.js';
import { practiceRef, type Practice, type PracticeHint } from './practice.js';
import { practiceView, type PracticeView } from './practice-view.js';
import { summarizeScenario, type Scenario, type ScenarioSummary } from './scenario.js';
import { buildScorecard } from './scorecard-builder.js';
import type { PracticeScorer } from '../ports/practice-scorer.port.js';
import { transcriptOf, type Turn } from './transcript.js';

export interface PracticeServiceDeps {
  readonly practices: PracticeRepository;
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  /** The conversation core with the buyer as its engine (and no insights recording). */
  readonly conversations: ConversationCore;
  readonly library: PracticeLibrary;
  readonly crm: CrmReader;
  readonly scorer: PracticeScorer;
  readonly hints: HintWriter;
  /** Who plays the buyer: shown beside the opening line (`offline model` offline). */
  readonly model: { readonly provider: string; readonly name: string };
  readonly clock: Clock;
  readonly logger: Logger;
  /** Scenarios made for the user's teams: listed with the library's and played like them. */
  readonly teamScenarios?: TeamScenarioSource;
  /** Told once a practice is scored (it completes the rep's assignments of that scenario). */
  readonly onScored?: (user: User, practice: Practice) => Promise<void>;
}

export interface TeamScenarioSource {
  forUser(user: User): Promise<ScenarioSummary[]>;
  /** Undefined for an id that is not a team scenario's; NOT_FOUND for a team the user is not on. */
  find(user: User, scenarioId: string): Promise<Scenario | undefined>;
}

export type StartInput = { readonly scenarioId: string } | { readonly opportunityId: string };

/** Deals offered as scenarios in the library listing. */
const DEAL_SCENARIOS = 20;
const TRANSCRIPT_LIMIT = 200;
const MAX_HINTS = 20;

/**
 * Practice calls: a rep plays against a buyer (a library scenario or one of their own
 * deals), asks for private hints, and ends with a scorecard against the methodology.
 * Every call authorizes the practice against its rep.
 */
export class PracticeService {
  constructor(private readonly deps: PracticeServiceDeps) {}

  private caller(user: User, token: string | undefined): CrmCaller {
    const role = primaryRole(user);
    if (!role) throw forbidden('Your account has no role; ask an administrator for one');
    return { user, role, ...(token === undefined ? {} : { token }) };
  }

  /** The library, then scenarios from the user's own open deals (when the CRM is there for their role). */
  async scenarios(user: User, token: string | undefined): Promise<ScenarioSummary[]> {
    const library = [...this.deps.library.scenarios.values()].map(summarizeScenario);
    let deals: ScenarioSummary[] = [];
    try {
      const rows = await this.deps.crm.openDeals(this.caller(user, token), DEAL_SCENARIOS);
      deals = rows.map((deal) => ({
        id: dealScenarioId(deal.id),
        title: dealScenarioTitle(deal),
        kind: kindForStage(deal.stage),
        difficulty: 'realistic',
        opportunityId: deal.id,
      }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.deps.logger.info({ code: error.code }, 'practice scenarios without deals');
    }
    const team = (await this.deps.teamScenarios?.forUser(user)) ?? [];
    return [...library, ...team, ...deals];
  }

  private async scenarioFor(
    user: User,
    token: string | undefined,
    input: StartInput,
    practiceId: string,
  ): Promise<Scenario> {
    const opportunityId =
      'opportunityId' in input ? input.opportunityId : opportunityOfScenarioId(input.scenarioId);
    if (opportunityId === undefined) {
      const scenario =
        'scenarioId' in input
          ? (this.deps.library.scenarios.get(input.scenarioId) ??
            (await this.deps.teamScenarios?.find(user, input.scenarioId)))
          : undefined;
      if (!scenario) throw notFound('Scenario');
      return scenario;
    }
    const caller: CrmCaller = {
      ...this.caller(user, token),
      conversation: { kind: 'practice', id: practiceId },
    };
    const deal = await this.deps.crm.visibleDeal(caller, opportunityId);
    const detail = await this.deps.crm.account(caller, deal.accountId);
    return buildDealScenario(deal, detail, user.id);
  }

  /**
   * Builds the scenario (refused before anything is stored), then the session, the record
   * and the buyer's opening line. `room.groupId` marks a practice played in a room (the
   * caller has checked the starter is a member).
   */
  async start(
    user: User,
    token: string | undefined,
    input: StartInput,
    room?: { readonly groupId: string },
  ): Promise<PracticeView> {
    // The id is fixed first so the CRM reads for the scenario are recorded against it.
    const practiceId = newId();
    const scenario = await this.scenarioFor(user, token, input, practiceId);
    const role = this.caller(user, token).role;
    const now = this.deps.clock.now().toISOString();
    const session = await this.deps.sessions.create({
      id: newId(),
      userId: user.id,
      title: `Practice: ${scenario.title}`.slice(0, SESSION_TITLE_MAX),
      role,
      createdAt: now,
      updatedAt: now,
      lastSeq: 0,
      // A roleplay is never a question for the team's insights.
      private: true,
      kind: 'practice',
    });
    const practice = await this.deps.practices.create({
      id: practiceId,
      userId: user.id,
      sessionId: session.id,
      role,
      scenario,
      status: 'active',
      hints: [],
      ...(room ? { groupId: room.groupId } : {}),
      createdAt: now,
      updatedAt: now,
    });
    const ref = this.ref(practice);
    const { message } = await this.deps.messages.append(ref, {
      id: newId(),
      conversationId: conversationId(ref),
      conversationKind: ref.kind,
      author: { kind: 'assistant', name: scenario.persona.name },
      content: scenario.persona.opening,
      attachments: emptyAttachments(),
      toolCalls: [],
      status: 'complete',
      model: this.deps.model,
      createdAt: now,
      updatedAt: now,
    });
    await this.deps.conversations.publish(ref, { type: 'message.created', message });
    this.deps.logger.info(
      {
        practiceId: practice.id,
        kind: scenario.kind,
        grounded: scenario.grounding.opportunityId !== undefined,
      },
      'practice started',
    );
    return practiceView(practice);
  }

  /** The practice as its rep sees it. */
  async view(user: User, practiceId: string): Promise<PracticeView> {
    return practiceView(await this.get(user, practiceId));
  }

  private async get(user: User, practiceId: string): Promise<Practice> {
    const practice = await this.deps.practices.get(user.id, practiceId);
    if (!practice) throw notFound('Practice');
    return practice;
  }

  /** The rep's practices, newest first: their history and the data for their trend. */
  async list(user: User, limit = 50): Promise<PracticeView[]> {
    const found = await this.deps.practices.listByUser(user.id, {
      limit: Math.min(Math.max(limit, 1), 200),
    });
    return found.map(practiceView);
  }

  async listMessages(
    user: User,
    input: { practiceId: string; before?: number; limit?: number },
  ): Promise<MessagePage> {
    const practice = await this.get(user, input.practiceId);
    return this.deps.conversations.page(this.ref(practice), input);
  }

  /** Stores the rep's line before returning; the buyer answers in the background. */
  send(
    user: User,
    token: string | undefined,
    input: { practiceId: string; content: string; clientMessageId: string },
  ): Promise<SendResult> {
    return this.deps.conversations.accept(user, input, async () => {
      const practice = await this.get(user, input.practiceId);
      if (practice.status !== 'active') throw invalid('This practice has ended');
      if (!hasRole(user, practice.role))
        throw forbidden(`This practice needs the role ${practice.role}`);
      const ref = this.ref(practice);
      const answers = this.deps.conversations.answers;
      return {
        ref,
        role: practice.role,
        coach: {
          question: '',
          admit: () => {
            if (answers.isRunning(practice.sessionId))
              throw new DomainError(
                DomainErrorCode.Conflict,
                'The buyer is still answering; wait for them',
              );
          },
          schedule: (message) => {
            void answers
              .start(practice.sessionId, user.id, (signal) =>
                this.deps.conversations.answer({
                  ref,
                  user,
                  role: practice.role,
                  token,
                  question: message,
                  signal,
                }),
              )
              .catch((error: unknown) =>
                this.deps.logger.error(
                  { practiceId: practice.id, err: (error as Error).message },
                  'buyer reply ended with an unexpected error',
                ),
              );
          },
        },
      };
    });
  }

  async follow(
    user: User,
    practiceId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    const practice = await this.get(user, practiceId);
    return this.deps.conversations.follow(this.ref(practice), { lastEventId, signal });
  }

  private async transcript(practice: Practice): Promise<Turn[]> {
    return transcriptOf(
      await this.deps.messages.list(this.ref(practice), { limit: TRANSCRIPT_LIMIT }),
    );
  }

  /** An out-of-character tip, stored with the practice and shown only to its rep; never in the buyer's context. */
  async hint(user: User, practiceId: string): Promise<PracticeHint> {
    const practice = await this.get(user, practiceId);
    if (practice.status !== 'active') throw invalid('This practice has ended');
    if (practice.hints.length >= MAX_HINTS)
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `At most ${MAX_HINTS} hints per practice`,
      );
    const text = await this.deps.hints.hint({
      scenario: practice.scenario,
      checks: checksFor(this.deps.library.methodologies, practice.scenario.methodology),
      turns: await this.transcript(practice),
    });
    const hint = { text: text.slice(0, 600), createdAt: this.deps.clock.now().toISOString() };
    await this.deps.practices.update(user.id, practice.id, (p) => ({
      ...p,
      hints: [...p.hints, hint],
    }));
    return hint;
  }

  /**
   * Ends the practice (a buyer reply still running is stopped) and scores it. A scoring
   * failure is kept as `scoreError` with status `ended`: calling again retries the scoring.
   */
  async end(user: User, practiceId: string): Promise<PracticeView> {
    const practice = await this.endAndScore(user, practiceId);
    // Whoever watches (a room's members) reloads the practice to see its scorecard.
    await this.deps.conversations.publish(this.ref(practice), {
      type: 'practice.updated',
      practiceId: practice.id,
      status: practice.status,
    });
    return practiceView(practice);
  }

  private async endAndScore(user: User, practiceId: string): Promise<Practice> {
    const practice = await this.get(user, practiceId);
    if (practice.status === 'scored') {
      // Idempotent: a retry after a failed completion completes the assignments.
      await this.deps.onScored?.(user, practice);
      return practice;
    }
    this.deps.conversations.answers.stop(practice.sessionId);
    const now = this.deps.clock.now();
    const ended =
      (await this.deps.practices.update(user.id, practice.id, (p) => ({
        ...p,
        status: 'ended',
        updatedAt: now.toISOString(),
        endedAt: p.endedAt ?? now.toISOString(),
      }))) ?? practice;
    const checks = checksFor(this.deps.library.methodologies, ended.scenario.methodology);
    const turns = await this.transcript(ended);
    try {
      const judgement = await this.deps.scorer.judge({ scenario: ended.scenario, checks, turns });
      const scorecard = buildScorecard(checks, judgement, turns, this.deps.clock.now());
      const scored = await this.deps.practices.update(
        user.id,
        practice.id,
        ({ scoreError: _dropped, ...p }) => ({
          ...p,
          status: 'scored',
          scorecard,
          updatedAt: scorecard.createdAt,
        }),
      );
      this.deps.logger.info(
        { practiceId: practice.id, score: scorecard.score, checks: checks.length },
        'practice scored',
      );
      const result = scored ?? { ...ended, status: 'scored' as const, scorecard };
      await this.deps.onScored?.(user, result);
      return result;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.deps.logger.warn({ practiceId: practice.id, code: error.code }, 'practice not scored');
      return (
        (await this.deps.practices.update(user.id, practice.id, (p) => ({
          ...p,
          scoreError: error.message,
        }))) ?? ended
      );
    }
  }

  private ref(practice: Practice): ConversationRef {
    return practiceRef(practice);
  }
}
