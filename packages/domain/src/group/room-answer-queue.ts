import type { AnswerRegistry } from '../chat/answer-registry.js';
import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { Message } from '../model/message.js';
import type { User } from '../model/user.js';
import type { Logger } from '../ports/logger.port.js';

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
  /** Questions that may wait per room; more are refused with LIMIT_EXCEEDED. */
  readonly maxWaiting: number;
  /** Answers one question; resolves when the answer has ended (in any status). */
  readonly answer: (groupId: string, question: RoomQuestion, signal: AbortSignal) => Promise<unknown>;
  /** Called whenever the waiting list changes (the room shows it). */
  readonly queueChanged: (groupId: string, queue: QueuedEntry[]) => void;
  readonly logger: Logger;
}

interface Room {
  current: RoomQuestion | undefined;
  waiting: RoomQuestion[];
}

export type StopOutcome = 'stopped' | 'nothing' | 'not-allowed';

/**
 * One coach answer per room at a time; further questions wait in FIFO order and start when
 * the previous answer ends (complete, failed or stopped). Answers run in the shared
 * AnswerRegistry, so shutdown drains them like 1-on-1 answers.
 */
export class RoomAnswerQueue {
  private readonly rooms = new Map<string, Room>();
  private closed = false;

  constructor(private readonly deps: RoomAnswerQueueDeps) {}

  /** Throws LIMIT_EXCEEDED when the room's waiting list is full (check before storing the question). */
  assertAccepting(groupId: string): void {
    const waiting = this.rooms.get(groupId)?.waiting.length ?? 0;
    if (waiting >= this.deps.maxWaiting) {
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `The coach already has ${waiting} questions waiting in this room; try again when it has answered them`,
      );
    }
  }

  /** Starts the answer now when the room is idle, else puts it at the end of the waiting list. */
  request(groupId: string, question: RoomQuestion): 'started' | 'queued' {
    if (this.closed) throw new DomainError(DomainErrorCode.Unavailable, 'The server is shutting down');
    const room = this.room(groupId);
    if (room.current) {
      room.waiting.push(question);
      this.publishQueue(groupId, room);
      return 'queued';
    }
    this.run(groupId, room, question);
    return 'started';
  }

  /** Who asked the question being answered now, if any. */
  currentAsker(groupId: string): string | undefined {
    return this.rooms.get(groupId)?.current?.asker.id;
  }

  waiting(groupId: string): QueuedEntry[] {
    return (this.rooms.get(groupId)?.waiting ?? []).map(entry);
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
    if (withdrew) this.publishQueue(groupId, room);
    const current = room.current;
    if (current && (by.isOwner || current.asker.id === by.userId)) {
      this.deps.answers.stop(groupId);
      return 'stopped';
    }
    if (withdrew) return 'stopped';
    return current ? 'not-allowed' : 'nothing';
  }

  /** Removes someone's waiting questions (they left the room); their running answer finishes. */
  withdraw(groupId: string, userId: string): void {
    const room = this.rooms.get(groupId);
    if (!room) return;
    const before = room.waiting.length;
    room.waiting = room.waiting.filter((q) => q.asker.id !== userId);
    if (room.waiting.length !== before) this.publishQueue(groupId, room);
  }

  /** Forgets the room's waiting questions and stops its answer (the room was deleted). */
  clear(groupId: string): void {
    const room = this.rooms.get(groupId);
    if (room) room.waiting = [];
    this.deps.answers.stop(groupId);
  }

  /** Drops every waiting question and accepts no more (shutdown); running answers are the registry's to drain. */
  close(): void {
    this.closed = true;
    for (const room of this.rooms.values()) room.waiting = [];
  }

  private room(groupId: string): Room {
    let room = this.rooms.get(groupId);
    if (!room) {
      room = { current: undefined, waiting: [] };
      this.rooms.set(groupId, room);
    }
    return room;
  }

  private run(groupId: string, room: Room, question: RoomQuestion): void {
    room.current = question;
    const log = this.deps.logger.child({ groupId, questionId: question.message.id });
    let done: Promise<unknown>;
    try {
      done = this.deps.answers.start(groupId, question.asker.id, (signal) => this.deps.answer(groupId, question, signal));
    } catch (error) {
      room.current = undefined;
      throw error;
    }
    void done
      .catch((error: unknown) => log.error({ err: (error as Error).message }, 'room answer ended with an unexpected error'))
      .finally(() => this.next(groupId, room));
  }

  private next(groupId: string, room: Room): void {
    room.current = undefined;
    const question = this.closed ? undefined : room.waiting.shift();
    if (!question) {
      if (room.waiting.length === 0 && this.rooms.get(groupId) === room) this.rooms.delete(groupId);
      return;
    }
    this.publishQueue(groupId, room);
    try {
      this.run(groupId, room, question);
    } catch (error) {
      this.deps.logger.error({ groupId, questionId: question.message.id, err: (error as Error).message }, 'queued room answer could not start');
      this.next(groupId, room);
    }
  }

  private publishQueue(groupId: string, room: Room): void {
    this.deps.queueChanged(groupId, room.waiting.map(entry));
  }
}

const entry = (q: RoomQuestion): QueuedEntry => ({ messageId: q.message.id, askedBy: q.asker.id });
