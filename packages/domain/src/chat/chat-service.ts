import type { CoachEngine } from '../coach/coach-engine.port.js';
import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  notFound,
} from '../errors/domain-error.js';
import type { ConversationRef, Message } from '../model/message.js';
import { streamName } from '../model/message.js';
import { newId } from '../model/ids.js';
import { findRecentByClientId, newUserMessage } from './user-message.js';
import type { Session } from '../model/session.js';
import { SESSION_TITLE_MAX } from '../model/session.js';
import type { User } from '../model/user.js';
import { hasRole, primaryRole } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventLog } from '../ports/event-log.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { SessionRepository } from '../ports/session-repository.port.js';
import type { AnswerRegistry } from './answer-registry.js';
import type { ConversationPublisher } from './conversation-publisher.js';
import { followStream, type FollowedEvent } from './follow-stream.js';
import { acceptableContent, readMessagePage, type MessagePage } from './message-page.js';
import type { AskedQuestion } from './question-sink.port.js';
import type { RateLimiter } from './rate-limiter.port.js';

export const DEFAULT_SESSION_TITLE = 'New conversation';

export interface ChatServiceDeps {
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  readonly log: EventLog;
  readonly publisher: ConversationPublisher;
  readonly answers: AnswerRegistry;
  readonly engine: CoachEngine;
  readonly titles: { titleFor(question: string): Promise<string> };
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: { readonly maxMessageChars: number };
  readonly onQuestion?: (question: AskedQuestion) => Promise<void>;
}

export interface SendInput {
  readonly sessionId: string;
  readonly content: string;
  readonly clientMessageId: string;
}

export type { MessagePage };

export interface SendResult {
  readonly message: Message;
  /** False when the clientMessageId was seen before: nothing new was stored or started. */
  readonly created: boolean;
}

/** 1-on-1 coaching conversations: every call authorizes the session against its owner. */
export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  listSessions(user: User, limit = 50): Promise<Session[]> {
    return this.deps.sessions.listByUser(user.id, { limit: Math.min(Math.max(limit, 1), 200) });
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
    });
  }

  async getSession(user: User, sessionId: string): Promise<Session> {
    const session = await this.deps.sessions.get(user.id, sessionId);
    if (!session) throw notFound('Conversation');
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
    void this.deps.publisher.publish(streamName(this.ref(user, sessionId)), {
      type: 'session.updated',
      session,
    });
    return session;
  }

  async deleteSession(user: User, sessionId: string): Promise<void> {
    await this.getSession(user, sessionId);
    this.deps.answers.stop(sessionId);
    if (!(await this.deps.sessions.delete(user.id, sessionId))) throw notFound('Conversation');
  }

  async listMessages(
    user: User,
    input: { sessionId: string; before?: number; limit?: number },
  ): Promise<MessagePage> {
    await this.getSession(user, input.sessionId);
    return readMessagePage(
      this.deps.log,
      this.deps.messages,
      this.ref(user, input.sessionId),
      input,
    );
  }

  /**
   * Persists the user's message BEFORE returning, then starts the coach's answer in the
   * background. A retry with the same clientMessageId returns the first message.
   */
  async send(user: User, token: string | undefined, input: SendInput): Promise<SendResult> {
    const content = acceptableContent(input.content, this.deps.limits.maxMessageChars);
    const session = await this.getSession(user, input.sessionId);
    if (!hasRole(user, session.role))
      throw forbidden(`This conversation needs the role ${session.role}`);
    const ref = this.ref(user, session.id);

    const existing = await findRecentByClientId(this.deps.messages, ref, input.clientMessageId);
    if (existing) return { message: existing, created: false };

    await this.deps.limiter.consume(`send:${user.id}`);
    if (this.deps.answers.isRunning(session.id)) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'The coach is still answering; stop it or wait before sending again',
      );
    }
    this.deps.answers.assertCapacity(user.id);

    const now = this.deps.clock.now().toISOString();
    const { message, created } = await this.deps.messages.append(
      ref,
      newUserMessage(ref, user, content, input.clientMessageId, now),
    );
    if (!created) return { message, created };

    const stream = streamName(ref);
    void this.deps.publisher.publish(stream, { type: 'message.created', message });
    void this.deps
      .onQuestion?.({
        text: content,
        role: session.role,
        conversationKind: 'session',
        askedAt: now,
      })
      .catch((error: unknown) => {
        this.deps.logger.warn(
          { sessionId: session.id, err: (error as Error).message },
          'question not recorded for insights',
        );
      });
    this.startAnswer(user, token, session, ref, message);
    return { message, created };
  }

  stop(user: User, sessionId: string): Promise<boolean> {
    return this.getSession(user, sessionId).then(() => this.deps.answers.stop(sessionId));
  }

  /**
   * Live events of the user's session, resumable from `lastEventId`. Listening starts at
   * this call; the session is authorized before the first event is given out.
   */
  follow(
    user: User,
    sessionId: string,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<FollowedEvent> {
    const events = followStream(this.deps.log, streamName(this.ref(user, sessionId)), {
      lastEventId,
      signal,
    });
    const authorized = this.getSession(user, sessionId);
    return (async function* () {
      try {
        await authorized;
        yield* events;
      } finally {
        await events.return(undefined);
      }
    })();
  }

  private ref(user: User, sessionId: string): ConversationRef {
    return { kind: 'session', userId: user.id, sessionId };
  }

  private startAnswer(
    user: User,
    token: string | undefined,
    session: Session,
    ref: ConversationRef,
    question: Message,
  ): void {
    const stream = streamName(ref);
    const log = this.deps.logger.child({ sessionId: session.id, questionId: question.id });
    const answered = this.deps.answers.start(session.id, user.id, (signal) =>
      this.deps.engine.answer({
        ref,
        user,
        role: session.role,
        token,
        question,
        signal,
        emit: (event) => void this.deps.publisher.publish(stream, event),
      }),
    ) as Promise<Message>;
    // The title is written after the answer has let go of the conversation, so the next
    // question is never refused while a title is being chosen.
    answered
      .then((answer) =>
        session.title === DEFAULT_SESSION_TITLE && answer.status === 'complete'
          ? this.writeTitle(user, session, question.content)
          : undefined,
      )
      .catch((error: unknown) =>
        log.error({ err: (error as Error).message }, 'answer ended with an unexpected error'),
      );
  }

  private async writeTitle(user: User, session: Session, question: string): Promise<void> {
    const title = await this.deps.titles.titleFor(question);
    const renamed = await this.deps.sessions.rename(
      user.id,
      session.id,
      title.slice(0, SESSION_TITLE_MAX),
    );
    if (renamed)
      await this.deps.publisher.publish(streamName(this.ref(user, session.id)), {
        type: 'session.updated',
        session: renamed,
      });
  }
}
