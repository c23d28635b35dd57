import type { AnswerRegistry } from '../conversation/answer-registry.js';
import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import type { Logger } from '../ports/logger.port.js';
import type { ReleaseRoomAnswer, RoomAnswerLock } from './room-answer-lock.port.js';

/** A question addressed to the coach in a room, waiting for its turn or being answered. */
export interface RoomQuestion {
  readonly message: Message;
  readonly asker: User;
  /** The asker's bearer token, kept in memory only while the question waits. */
  readonly token: string | undefined;
}

export interface QueuedEntry {
  readonly messageId: string;
  readonly askedBy: string;
}

export interface RoomAnswerQueueDeps {
  readonly answers: AnswerRegistry;
  /** The room's answer turn across API instances. */
  readonly lock: RoomAnswerLock;
  /** How long a question whose room is answering on another instance waits before asking again (default 200 ms, plus jitter). */
  readonly lockRetryMs?: number;
  /** Questions that may wait per room; more are refused with LIMIT_EXCEEDED. */
  readonly maxWaiting: number;
  /** Answers one question; resolves when the answer has ended (in any status). */
  readonly answer: (
    groupId: string,
    question: RoomQuestion,
    signal: AbortSignal,
  ) => Promise<unknown>;
  /** Called whenever the waiting list changes (the room shows it). */
  readonly queueChanged: (groupId: string, queue: QueuedEntry[]) => void;
  readonly logger: Logger;
}

interface Room {
  /** The question whose turn it is here: taking the room's lock, or being answered. */
  current: RoomQuestion | undefined;
  /** True once `current` holds the lock and its answer runs. */
  answering: boolean;
  /** True while `current` is shown as waiting (the lock is held elsewhere, or it came from the waiting list). */
  currentShown: boolean;
  retry: ReturnType<typeof setTimeout> | undefined;
  waiting: RoomQuestion[];
  /** The waiting list last published, to publish changes only. */
  shown: string;
}

export type StopOutcome = 'stopped' | 'nothing' | 'not-allowed';

const DEFAULT_LOCK_RETRY_MS = 200;

/**
 * One coach answer per room at a time; further questions wait in FIFO order and start when
 * the previous answer ends (complete, failed or stopped). A question starts only once it
 * holds the room's `RoomAnswerLock`, so the rule holds across API instances: while another
 * instance answers, the question stays first in line here and asks for the lock again.
 * Answers run in the shared AnswerRegistry, so shutdown drains them like 1-on-1 answers.
 */
export class RoomAnswerQueue {
  private readonly rooms = new Map<string, Room>();
  private closed = false;

  constructor(private readonly deps: RoomAnswerQueueDeps) {}

  /** Throws LIMIT_EXCEEDED when the room's waiting list is full (check before storing the question). */
  assertAccepting(groupId: string): void {
    const room = this.rooms.get(groupId);
    const waiting = room ? visible(room).length : 0;
    if (waiting >= this.deps.maxWaiting) {
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `The coach already has ${waiting} questions waiting in this room; try again when it has answered them`,
      );
    }
  }

  /** Takes the room's turn now when it is idle here, else puts the question at the end of the waiting list. */
  request(groupId: string, question: RoomQuestion): 'started' | 'queued' {
    if (this.closed)
      throw new DomainError(DomainErrorCode.Unavailable, 'The server is shutting down');
    const room = this.room(groupId);
    if (room.current) {
      room.waiting.push(question);
      this.publishQueue(groupId, room);
      return 'queued';
    }
    this.take(groupId, room, question, false);
    return 'started';
  }

  /** Who asked the question being answered now, if any. */
  currentAsker(groupId: string): string | undefined {
    const room = this.rooms.get(groupId);
    return room?.answering ? room.current?.asker.id : undefined;
  }

  waiting(groupId: string): QueuedEntry[] {
    const room = this.rooms.get(groupId);
    return room ? visible(room).map(entry) : [];
  }

  /**
   * The owner stops the current answer and clears the waiting list; anyone else stops the
   * current answer only if they asked it, and withdraws their own waiting questions.
   */
  stop(groupId: string, by: { userId: string; isOwner: boolean }): StopOutcome {
    const room = this.rooms.get(groupId);
    if (!room) return 'nothing';
    const before = room.waiting.length;
    room.waiting = by.isOwner ? [] : room.waiting.filter((q) => q.asker.id !== by.userId);
    const withdrew = room.waiting.length !== before;
    const current = room.current;
    if (current && (by.isOwner || current.asker.id === by.userId)) {
      if (room.answering) {
        this.publishQueue(groupId, room);
        this.deps.answers.stop(groupId);
      } else {
        // Still waiting for the lock: it never starts.
        this.abandonCurrent(groupId, room);
      }
      return 'stopped';
    }
    if (withdrew) {
      this.publishQueue(groupId, room);
      return 'stopped';
    }
    return current ? 'not-allowed' : 'nothing';
  }

  /** Removes someone's waiting questions (they left the room); their running answer finishes. */
  withdraw(groupId: string, userId: string): void {
    const room = this.rooms.get(groupId);
    if (!room) return;
    room.waiting = room.waiting.filter((q) => q.asker.id !== userId);
    if (room.current && !room.answering && room.current.asker.id === userId)
      this.abandonCurrent(groupId, room);
    else this.publishQueue(groupId, room);
  }

  /** Forgets the room's waiting questions and stops its answer (the room was deleted). */
  clear(groupId: string): void {
    const room = this.rooms.get(groupId);
    if (room) {
      room.waiting = [];
      if (room.current && !room.answering) this.abandonCurrent(groupId, room);
    }
    this.deps.answers.stop(groupId);
  }

  /** Drops every waiting question and accepts no more (shutdown); running answers are the registry's to drain. */
  close(): void {
    this.closed = true;
    for (const room of this.rooms.values()) {
      room.waiting = [];
      if (room.current && !room.answering) {
        clearTimeout(room.retry);
        room.retry = undefined;
        room.current = undefined;
      }
    }
  }

  private room(groupId: string): Room {
    let room = this.rooms.get(groupId);
    if (!room) {
      room = {
        current: undefined,
        answering: false,
        currentShown: false,
        retry: undefined,
        waiting: [],
        shown: '',
      };
      this.rooms.set(groupId, room);
    }
    return room;
  }

  /** Gives `question` the room's turn here; it starts once it holds the lock. */
  private take(groupId: string, room: Room, question: RoomQuestion, shown: boolean): void {
    room.current = question;
    room.answering = false;
    room.currentShown = shown;
    void this.attempt(groupId, room, question);
  }

  private async attempt(groupId: string, room: Room, question: RoomQuestion): Promise<void> {
    room.retry = undefined;
    let release: ReleaseRoomAnswer | undefined;
    try {
      release = await this.deps.lock.acquire(groupId);
    } catch (error) {
      this.deps.logger.warn(
        { groupId, err: (error as Error).message },
        'room answer lock unavailable; retrying',
      );
    }
    if (room.current !== question || this.closed) {
      // Stopped, withdrawn or shut down meanwhile.
      if (release) await this.release(groupId, release);
      if (room.current === question) room.current = undefined;
      this.forgetIfIdle(groupId, room);
      return;
    }
    if (!release) {
      room.currentShown = true;
      this.publishQueue(groupId, room);
      const base = this.deps.lockRetryMs ?? DEFAULT_LOCK_RETRY_MS;
      room.retry = setTimeout(
        () => void this.attempt(groupId, room, question),
        base + Math.random() * base * 0.5,
      );
      return;
    }
    room.currentShown = false;
    this.publishQueue(groupId, room);
    this.run(groupId, room, question, release);
  }

  private run(
    groupId: string,
    room: Room,
    question: RoomQuestion,
    release: ReleaseRoomAnswer,
  ): void {
    const log = this.deps.logger.child({ groupId, questionId: question.message.id });
    let done: Promise<unknown>;
    try {
      done = this.deps.answers.start(groupId, question.asker.id, (signal) =>
        this.deps.answer(groupId, question, signal),
      );
    } catch (error) {
      log.error({ err: (error as Error).message }, 'room answer could not start');
      void this.release(groupId, release).finally(() => this.next(groupId, room));
      return;
    }
    room.answering = true;
    void done
      .catch((error: unknown) =>
        log.error({ err: (error as Error).message }, 'room answer ended with an unexpected error'),
      )
      .then(() => this.release(groupId, release))
      .finally(() => this.next(groupId, room));
  }

  private async release(groupId: string, release: ReleaseRoomAnswer): Promise<void> {
    try {
      await release();
    } catch (error) {
      // The lock expires on its own.
      this.deps.logger.warn(
        { groupId, err: (error as Error).message },
        'room answer lock not released',
      );
    }
  }

  private next(groupId: string, room: Room): void {
    room.current = undefined;
    room.answering = false;
    room.currentShown = false;
    const question = this.closed ? undefined : room.waiting.shift();
    if (!question) {
      this.forgetIfIdle(groupId, room);
      return;
    }
    // It stays shown as waiting until it holds the lock.
    this.take(groupId, room, question, true);
  }

  /** Drops a current question that has not started (it was waiting for the lock) and moves on. */
  private abandonCurrent(groupId: string, room: Room): void {
    clearTimeout(room.retry);
    room.retry = undefined;
    room.current = undefined;
    room.currentShown = false;
    this.publishQueue(groupId, room);
    this.next(groupId, room);
  }

  private forgetIfIdle(groupId: string, room: Room): void {
    if (!room.current && room.waiting.length === 0 && this.rooms.get(groupId) === room)
      this.rooms.delete(groupId);
  }

  private publishQueue(groupId: string, room: Room): void {
    const queue = visible(room).map(entry);
    const key = queue.map((q) => q.messageId).join(',');
    if (key === room.shown) return;
    room.shown = key;
    this.deps.queueChanged(groupId, queue);
  }
}

/** The questions the room sees waiting: the current one while it waits for the lock, then the rest. */
const visible = (room: Room): RoomQuestion[] =>
  room.current && room.currentShown ? [room.current, ...room.waiting] : room.waiting;

const entry = (q: RoomQuestion): QueuedEntry => ({ messageId: q.message.id, askedBy: q.asker.id });
