import type { AnswerInput, CoachEngine } from '../ports/coach-engine.port.js';
import type { GroundedSource } from '../coaching/pinned-answer.js';
import type { ConversationEvent } from '../model/events.js';
import { COACH_AUTHOR_NAME } from '../coach/coach-engine.js';
import { newId } from '../model/ids.js';
import type { ConversationRef, Message, ToolCallRecord } from '../model/message.js';
import {
  conversationId,
  emptyAttachments,
  MESSAGE_CONTENT_MAX,
  streamName,
} from '../model/message.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventLog } from '../ports/event-log.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MessageRepository } from '../ports/message-repository.port.js';
import type { AskedQuestion } from '../ports/question-sink.port.js';
import type { RateLimiter } from '../ports/rate-limiter.port.js';
import type { AnswerLock } from '../ports/answer-lock.port.js';
import { notFound } from '../errors/domain-error.js';
import type { AnswerRegistry } from './answer-registry.js';
import { AnswerScheduler, type AnswerSchedulerDeps } from './answer-scheduler.js';
import { AnswerStopBus } from './answer-stop-bus.js';
import type { ConversationPublisher } from './conversation-publisher.js';
import { followStream, type FollowOptions, type FollowStream } from './follow-stream.js';
import { acceptableContent, readMessagePage, type MessagePage } from './message-page.js';
import {
  deleteMessage,
  questionOfAnswer,
  requireOwnMessage,
  reviseMessage,
} from './message-revisions.js';
import { newUserMessage } from './user-message.js';

export interface ConversationCoreDeps {
  readonly messages: MessageRepository;
  readonly log: EventLog;
  readonly publisher: ConversationPublisher;
  readonly answers: AnswerRegistry;
  readonly engine: CoachEngine;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: { readonly maxMessageChars: number };
  readonly onQuestion?: (question: AskedQuestion) => Promise<void>;
  /** Whose turn it is to answer: this process only, or shared across API instances. */
  readonly lock: AnswerLock;
  /** How long a question waits before asking again for a turn held elsewhere (default 200 ms). */
  readonly lockRetryMs?: number;
  /** Grounded sources for an answer to this person in a conversation of this role (team FAQ). */
  readonly grounding?: (user: User, role: string) => Promise<readonly GroundedSource[]>;
}

/** What a conversation kind decides about its answers; the core supplies the rest. */
export type SchedulerOptions = Pick<
  AnswerSchedulerDeps,
  'policy' | 'maxWaiting' | 'answer' | 'queueChanged'
>;

export interface SendResult {
  readonly message: Message;
  /** False when the clientMessageId was seen before: nothing new was stored or started. */
  readonly created: boolean;
}

/** What a conversation kind decided about one message, once its author may send it. */
export interface Turn {
  readonly ref: ConversationRef;
  /** The role the conversation runs with (recorded with the question for insights). */
  readonly role: string;
  /** A session its owner marked private: its question never reaches insights. */
  readonly private?: boolean;
  /** Present when the coach answers this message. */
  readonly coach?: CoachTurn;
}

export interface CoachTurn {
  /** The question as the coach and insights read it (a room drops the @coach mention). */
  readonly question: string;
  /** Throws when the coach cannot take the question now; checked before anything is stored. */
  readonly admit: () => void | Promise<void>;
  /** Hands the stored message to whatever runs the answer. */
  readonly schedule: (message: Message) => void;
}

export interface AcceptInput {
  readonly content: string;
  readonly clientMessageId: string;
  /** The message it follows, when not the newest one (a branch of a 1-on-1 chat). */
  readonly parentId?: string;
  /** An edit: the message this one is a new version of. */
  readonly versionOf?: string;
}

/** An answer to run: the engine's input without the event sink, which the core provides. */
export type AnswerRequest = Omit<AnswerInput, 'emit'>;

/**
 * The part every conversation kind shares: accept a person's message, answer it, publish,
 * page and follow. A kind (chat, room) adds only its rules: who may read and send, and when
 * the coach answers.
 */
export class ConversationCore {
  private readonly lock: AnswerLock;
  private readonly stops: AnswerStopBus;
  private readonly schedulers = new Set<AnswerScheduler>();

  constructor(private readonly deps: ConversationCoreDeps) {
    this.lock = deps.lock;
    this.stops = new AnswerStopBus(deps.log);
  }

  get answers(): AnswerRegistry {
    return this.deps.answers;
  }

  /** The answer scheduler of one conversation kind, sharing this core's registry, lock and stop bus. */
  scheduler(options: SchedulerOptions): AnswerScheduler {
    const scheduler = new AnswerScheduler({
      ...options,
      answers: this.deps.answers,
      lock: this.lock,
      stops: this.stops,
      lockRetryMs: this.deps.lockRetryMs,
      logger: this.deps.logger,
    });
    this.schedulers.add(scheduler);
    return scheduler;
  }

  /** Shutdown: every kind drops its waiting questions and accepts no more; drain `answers` afterwards. */
  close(): void {
    for (const scheduler of this.schedulers) scheduler.close();
  }

  /**
   * Stores a person's message BEFORE returning and publishes it; when the turn is for the
   * coach, records the question and schedules the answer. A retry with the same
   * clientMessageId returns the first message and starts nothing.
   */
  async accept(
    user: User,
    input: AcceptInput,
    authorize: (content: string) => Promise<Turn>,
  ): Promise<SendResult> {
    const content = acceptableContent(input.content, this.deps.limits.maxMessageChars);
    const turn = await authorize(content);
    const { ref, coach } = turn;

    // A retry (the same author and clientMessageId) returns the first message and is not
    // counted again; the store's append is idempotent as well, for retries that race.
    const existing = await this.deps.messages.findByClientId(ref, input.clientMessageId, user.id);
    if (existing) return { message: existing, created: false };

    await this.deps.limiter.consume(`send:${user.id}`);
    if (coach) {
      await coach.admit();
      await this.deps.answers.assertCapacity(user.id);
    }

    const now = this.deps.clock.now().toISOString();
    const { message, created } = await this.deps.messages.append(
      ref,
      newUserMessage(ref, user, content, input.clientMessageId, now, input),
    );
    if (!created) return { message, created };

    await this.publish(ref, { type: 'message.created', message });
    if (coach) {
      this.recordQuestion(user, turn, coach.question, now);
      coach.schedule(message);
    }
    return { message, created };
  }

  /**
   * Runs one answer and publishes its events in order; resolves with the final message once
   * its last event is in the log, so the next answer (here or on another instance) follows it.
   */
  async answer(request: AnswerRequest): Promise<Message> {
    const stream = streamName(request.ref);
    const grounding = this.deps.grounding
      ? await this.deps.grounding(request.user, request.role).catch((error: unknown) => {
          this.deps.logger.warn(
            { conversationId: conversationId(request.ref), err: (error as Error).message },
            'grounded sources not read; answering without them',
          );
          return [];
        })
      : [];
    try {
      return await this.deps.engine.answer({
        ...request,
        ...(grounding.length > 0 ? { grounding } : {}),
        emit: (event) => void this.deps.publisher.publish(stream, event),
      });
    } finally {
      await this.deps.publisher.settle(stream);
    }
  }

  /** Checks the asker may start one more answer now (rate limit, concurrent answers). */
  async admitAnswer(user: User): Promise<void> {
    await this.deps.limiter.consume(`send:${user.id}`);
    await this.deps.answers.assertCapacity(user.id);
  }

  /** The caller's own message: NOT_FOUND when there is none, FORBIDDEN when not theirs. */
  ownMessage(user: User, ref: ConversationRef, messageId: string): Promise<Message> {
    return requireOwnMessage(this.deps.messages, user, ref, messageId);
  }

  /** A message of the conversation (NOT_FOUND when missing or deleted). */
  async message(ref: ConversationRef, messageId: string): Promise<Message> {
    const message = await this.deps.messages.get(ref, messageId);
    if (!message || message.deletedAt) throw notFound('Message');
    return message;
  }

  /** The question an answer answered (to answer it again). */
  questionOf(ref: ConversationRef, answerId: string): Promise<Message> {
    return questionOfAnswer(this.deps.messages, ref, answerId);
  }

  /** Its author changes a message in place; everyone following sees `message.updated`. */
  async revise(
    user: User,
    ref: ConversationRef,
    input: { messageId: string; content: string },
  ): Promise<Message> {
    const content = acceptableContent(input.content, this.deps.limits.maxMessageChars);
    const now = this.deps.clock.now().toISOString();
    const message = await reviseMessage(this.deps.messages, user, ref, { ...input, content, now });
    await this.publish(ref, { type: 'message.updated', message });
    return message;
  }

  /** Its author deletes a message; everyone following sees `message.deleted`. */
  async remove(user: User, ref: ConversationRef, messageId: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await deleteMessage(this.deps.messages, user, ref, { messageId, now });
    await this.publish(ref, { type: 'message.deleted', messageId });
  }

  /**
   * The coach posts a message of its own that answers no question (e.g. what an approved
   * call did). `key` makes it idempotent: posting again with the same key returns the first.
   */
  async postCoachMessage(
    ref: ConversationRef,
    input: { content: string; toolCalls: ToolCallRecord[]; key: string },
  ): Promise<Message> {
    const now = this.deps.clock.now().toISOString();
    const { message, created } = await this.deps.messages.append(ref, {
      id: newId(),
      conversationId: conversationId(ref),
      conversationKind: ref.kind,
      author: { kind: 'assistant', name: COACH_AUTHOR_NAME },
      content: input.content.slice(0, MESSAGE_CONTENT_MAX),
      attachments: emptyAttachments(),
      toolCalls: input.toolCalls,
      status: 'complete',
      clientMessageId: input.key,
      createdAt: now,
      updatedAt: now,
    });
    if (created) await this.publish(ref, { type: 'message.created', message });
    return message;
  }

  /** Publishes an event of the conversation; resolves with its log id once appended. */
  publish(ref: ConversationRef, event: ConversationEvent): Promise<string | undefined> {
    return this.deps.publisher.publish(streamName(ref), event);
  }

  /** A live-only event (typing, presence): never stored for replay. */
  publishEphemeral(ref: ConversationRef, event: ConversationEvent): Promise<void> {
    return this.deps.publisher.publishEphemeral(streamName(ref), event);
  }

  /** A page of history; the caller has authorized the reader. */
  page(ref: ConversationRef, input: { before?: number; limit?: number }): Promise<MessagePage> {
    return readMessagePage(this.deps.log, this.deps.messages, ref, input);
  }

  /** The conversation's events from `lastEventId` on; listening starts at this call. */
  follow(ref: ConversationRef, options: FollowOptions): FollowStream {
    return followStream(this.deps.log, streamName(ref), options);
  }

  /**
   * Hands the question to insights after the current turn of the event loop: recording
   * (terms, clustering, a store write) is background work, and the answer just scheduled
   * goes first.
   */
  private recordQuestion(asker: User, turn: Turn, text: string, askedAt: string): void {
    const onQuestion = this.deps.onQuestion;
    if (!onQuestion || !text) return;
    const question: AskedQuestion = {
      text,
      role: turn.role,
      conversationKind: turn.ref.kind,
      conversationId: conversationId(turn.ref),
      asker,
      private: turn.private ?? false,
      askedAt,
    };
    setTimeout(() => {
      onQuestion(question).catch((error: unknown) => {
        this.deps.logger.warn(
          { conversationId: question.conversationId, err: (error as Error).message },
          'question not recorded for insights',
        );
      });
    }, 0);
  }
}
