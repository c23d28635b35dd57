import type {
  AnswerScheduler,
  BusyPolicy,
  ScheduledQuestion,
} from '../conversation/answer-scheduler.js';
import type { ConversationCore, SendResult, Turn } from '../conversation/conversation-core.js';
import type { FollowedEvent } from '../conversation/follow-stream.js';
import type { MessagePage } from '../conversation/message-page.js';
import { forbidden, invalid, notFound } from '../errors/domain-error.js';
import type { ConversationRef } from '../model/message.js';
import { newId } from '../model/ids.js';
import type { Session, SessionFlags } from '../model/session.js';
import { SESSION_TITLE_MAX } from '../model/session.js';
import type { User } from '../model/user.js';
import { hasRole, primaryRole } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { SessionRepository } from '../ports/session-repository.port.js';

export const DEFAULT_SESSION_TITLE = 'New conversation';

/** At most this many pinned sessions are listed. */
export const MAX_PINNED = 50;

export interface ChatServiceDeps {
  readonly sessions: SessionRepository;
  readonly conversations: ConversationCore;
  readonly titles: { titleFor(question: string): Promise<string> };
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after a session was marked private or not, to move its questions in or out of insights. */
  readonly onPrivacyChange?: (sessionId: string, isPrivate: boolean) => Promise<unknown>;
  /** A question sent while the coach answers: refused (default) or answered next. */
  readonly whenBusy?: BusyPolicy;
  /** Questions that may wait per session with `whenBusy: 'queue'` (default 10). */
  readonly maxQueuedAnswers?: number;
}

export interface SendInput {
  readonly sessionId: string;
  readonly content: string;
  readonly clientMessageId: string;
  /** The message it follows when the user is on an earlier version (default: the newest). */
  readonly parentId?: string;
}

export interface EditInput {
  readonly sessionId: string;
  /** The user's message to edit: the new text becomes its next version. */
  readonly messageId: string;
  readonly content: string;
  readonly clientMessageId: string;
}

export type { MessagePage, SendResult };

/** 1-on-1 coaching conversations: every call authorizes the session against its owner. */
export class ChatService {
  private readonly scheduler: AnswerScheduler;

  constructor(private readonly deps: ChatServiceDeps) {
    this.scheduler = deps.conversations.scheduler({
      policy: deps.whenBusy ?? 'refuse',
      maxWaiting: deps.maxQueuedAnswers ?? 10,
      answer: (sessionId, question, signal) => this.answer(sessionId, question, signal),
      queueChanged: (sessionId, queue) =>
        void this.deps.conversations.publish(streamOf(sessionId), {
          type: 'answer.queued',
          sessionId,
          queue,
        }),
    });
  }

  /** Pinned sessions first (however old), then the most recent `limit` others. */
  async listSessions(user: User, limit = 50): Promise<Session[]> {
    const [pinned, recent] = await Promise.all([
      this.deps.sessions.listByUser(user.id, { limit: MAX_PINNED, pinned: true }),
      this.deps.sessions.listByUser(user.id, { limit: Math.min(Math.max(limit, 1), 200) }),
    ]);
    const shown = new Set(pinned.map((s) => s.id));
    return [...pinned, ...recent.filter((s) => !shown.has(s.id))];
  }

  async createSession(user: User, input: { title?: string; role?: string }): Promise<Session> {
    const role = input.role ?? primaryRole(user);
    if (!role) throw forbidden('Your account has no role; ask an administrator for one');
    if (!hasRole(user, role)) throw forbidden(`You do not hold the role ${role}`);
    const now = this.deps.clock.now().toISOString();
    return this.deps.sessions.create({
      id: newId(),
      userId: user.id,
      title: (input.title?.trim() || DEFAULT_SESSION_TITLE).slice(0, SESSION_TITLE_MAX),
      role,
      createdAt: now,
      updatedAt: now,
      lastSeq: 0,
      private: false,
    });
  }

  async getSession(user: User, sessionId: string): Promise<Session> {
    const session = await this.deps.sessions.get(user.id, sessionId);
    // A practice's conversation belongs to the practice: chat neither shows nor answers it.
    if (!session || session.kind === 'practice') throw notFound('Conversation');
    return session;
  }

  async renameSession(user: User, sessionId: string, title: string): Promise<Session> {
    const trimmed = title.trim();
    if (!trimmed) throw invalid('A title cannot be empty');
    const session = await this.deps.sessions.rename(
      user.id,
      sessionId,
      trimmed.slice(0, SESSION_TITLE_MAX),
    );
    if (!session) throw notFound('Conversation');
    void this.deps.conversations.publish(this.ref(user, sessionId), {
      type: 'session.updated',
      session,
    });
    return session;
  }

  /** A private session's questions never reach insights, including the ones asked before. */
  async setSessionPrivate(user: User, sessionId: string, isPrivate: boolean): Promise<Session> {
    return this.mark(user, sessionId, { private: isPrivate });
  }

  /** A pinned session stays at the top of its owner's list. */
  async setSessionPinned(user: User, sessionId: string, pinned: boolean): Promise<Session> {
    return this.mark(user, sessionId, { pinned });
  }

  private async mark(user: User, sessionId: string, flags: SessionFlags): Promise<Session> {
    await this.getSession(user, sessionId);
    const session = await this.deps.sessions.mark(user.id, sessionId, flags);
    if (!session) throw notFound('Conversation');
    if (flags.private !== undefined) await this.deps.onPrivacyChange?.(sessionId, flags.private);
    void this.deps.conversations.publish(this.ref(user, sessionId), {
      type: 'session.updated',
      session,
    });
    return session;
  }

  async deleteSession(user: User, sessionId: string): Promise<void> {
    await this.getSession(user, sessionId);
    this.scheduler.clear(sessionId);
    if (!(await this.deps.sessions.delete(user.id, sessionId))) throw notFound('Conversation');
  }

  async listMessages(
    user: User,
    input: { sessionId: string; before?: number; limit?: number },
  ): Promise<MessagePage> {
    await this.getSession(user, input.sessionId);
    return this.deps.conversations.page(this.ref(user, input.sessionId), input);
  }

  /**
   * Persists the user's message BEFORE returning, then starts the coach's answer in the
   * background. A retry with the same clientMessageId returns the first message.
   */
  async send(user: User, token: string | undefined, input: SendInput): Promise<SendResult> {
    const { parentId } = input;
    return this.deps.conversations.accept(user, input, async (content) => {
      const turn = await this.turn(user, token, input.sessionId, content, parentId !== undefined);
      if (parentId !== undefined) await this.deps.conversations.message(turn.ref, parentId);
      return turn;
    });
  }

  /**
   * Edits one of the user's messages: the new text is stored as its next version (the
   * earlier one stays, as a sibling) and the coach answers it with that branch's history.
   */
  async edit(user: User, token: string | undefined, input: EditInput): Promise<SendResult> {
    const accept = { ...input, versionOf: input.messageId };
    return this.deps.conversations.accept(user, accept, async (content) => {
      const turn = await this.turn(user, token, input.sessionId, content, true);
      await this.deps.conversations.ownMessage(user, turn.ref, input.messageId);
      return turn;
    });
  }

  /** Answers an answer's question again: the new answer is the next version of that answer. */
  async regenerate(
    user: User,
    token: string | undefined,
    input: { sessionId: string; messageId: string },
  ): Promise<{ questionId: string }> {
    const session = await this.getSession(user, input.sessionId);
    if (!hasRole(user, session.role))
      throw forbidden(`This conversation needs the role ${session.role}`);
    const question = await this.deps.conversations.questionOf(
      this.ref(user, session.id),
      input.messageId,
    );
    await this.scheduler.assertAccepting(session.id);
    await this.deps.conversations.admitAnswer(user);
    this.scheduler.request(session.id, { message: question, asker: user, token, linkAnswer: true });
    return { questionId: question.id };
  }

  /** The session's turn for a message the coach answers (the owner's, with the session's role). */
  private async turn(
    user: User,
    token: string | undefined,
    sessionId: string,
    content: string,
    linkAnswer: boolean,
  ): Promise<Turn> {
    const session = await this.getSession(user, sessionId);
    if (!hasRole(user, session.role))
      throw forbidden(`This conversation needs the role ${session.role}`);
    return {
      ref: this.ref(user, session.id),
      role: session.role,
      private: session.private,
      coach: {
        question: content,
        admit: () => this.scheduler.assertAccepting(session.id),
        schedule: (message) =>
          this.scheduler.request(session.id, { message, asker: user, token, linkAnswer }),
      },
    };
  }

  /** Stops the session's answer (or what waits), on whichever instance runs it. */
  async stop(user: User, sessionId: string): Promise<boolean> {
    await this.getSession(user, sessionId);
    const outcome = await this.scheduler.stop(sessionId, { userId: user.id, everything: true });
    return outcome === 'stopped';
  }

  /**
   * Live events of the user's session, resumable from `lastEventId`. Listening starts at
   * this call; it resolves once the session is authorized (a refusal rejects, before any event).
   */
  async follow(
    user: User,
    sessionId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<FollowedEvent>> {
    const events = this.deps.conversations.follow(this.ref(user, sessionId), {
      lastEventId,
      signal,
    });
    try {
      await this.getSession(user, sessionId);
    } catch (error) {
      await events.return(undefined);
      throw error;
    }
    return events;
  }

  private ref(user: User, sessionId: string): ConversationRef {
    return { kind: 'session', userId: user.id, sessionId };
  }

  /** Runs one answer with the session's role; a new session gets its title after it. */
  private async answer(
    sessionId: string,
    question: ScheduledQuestion,
    signal: AbortSignal,
  ): Promise<void> {
    const user = question.asker;
    // The session may have been deleted while the question waited.
    const session = await this.deps.sessions.get(user.id, sessionId);
    if (!session) return;
    await this.deps.conversations.answer({
      ref: this.ref(user, sessionId),
      user,
      role: session.role,
      token: question.token,
      question: question.message,
      ...(question.linkAnswer ? { parentId: question.message.id } : {}),
      signal,
    });
    // Not awaited: the title is written after the answer lets go of the conversation, so
    // the next question is never refused while a title is being chosen. It comes from the
    // question, so a stopped or failed first answer names the conversation too.
    if (session.title === DEFAULT_SESSION_TITLE) {
      this.writeTitle(user, session, question.message.content).catch((error: unknown) =>
        this.deps.logger.warn(
          { sessionId, err: (error as Error).message },
          'session title not written',
        ),
      );
    }
  }

  private async writeTitle(user: User, session: Session, question: string): Promise<void> {
    const title = await this.deps.titles.titleFor(question);
    const renamed = await this.deps.sessions.rename(
      user.id,
      session.id,
      title.slice(0, SESSION_TITLE_MAX),
    );
    if (renamed)
      await this.deps.conversations.publish(this.ref(user, session.id), {
        type: 'session.updated',
        session: renamed,
      });
  }
}

/** The session's stream is named by its id alone, whoever reads it. */
const streamOf = (sessionId: string): ConversationRef => ({
  kind: 'session',
  userId: '',
  sessionId,
});
