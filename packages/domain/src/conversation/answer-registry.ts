import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { Logger } from '../ports/logger.port.js';
import type { RunningAnswers } from '../ports/running-answers.port.js';

interface RunningAnswer {
  readonly conversationId: string;
  readonly userId: string;
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

export interface AnswerRegistryOptions {
  /** Every instance's running answers (Redis with BUS=redis); without it, this instance's. */
  readonly shared?: RunningAnswers;
  readonly logger?: Logger;
}

/**
 * Answers in flight, independent of any socket: closing a tab does not stop an answer,
 * `stop` does. Caps concurrent answers per user (across instances when `shared` is given)
 * and lets shutdown drain or abort them.
 */
export class AnswerRegistry {
  private readonly running = new Map<string, RunningAnswer>();

  constructor(
    private readonly maxPerUser: number,
    private readonly options: AnswerRegistryOptions = {},
  ) {}

  get size(): number {
    return this.running.size;
  }

  isRunning(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  private localCount(userId: string): number {
    let count = 0;
    for (const answer of this.running.values()) if (answer.userId === userId) count++;
    return count;
  }

  /** The user's running answers on every instance; this instance's when the shared count cannot be read. */
  private async countFor(userId: string): Promise<number> {
    const local = this.localCount(userId);
    if (!this.options.shared) return local;
    try {
      return Math.max(local, await this.options.shared.count(userId));
    } catch (error) {
      this.options.logger?.warn(
        { err: (error as Error).message },
        'running answers not counted across instances; counting this instance only',
      );
      return local;
    }
  }

  /** Throws LIMIT_EXCEEDED when the user already has the maximum number of answers running. */
  async assertCapacity(userId: string): Promise<void> {
    const count = await this.countFor(userId);
    if (count >= this.maxPerUser) {
      throw new DomainError(
        DomainErrorCode.LimitExceeded,
        `You already have ${count} answer${count === 1 ? '' : 's'} in progress; wait for one to finish or stop it`,
      );
    }
  }

  /** Runs `work` in the background under a fresh abort signal; one answer per conversation. */
  start(
    conversationId: string,
    userId: string,
    work: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<unknown> {
    if (this.running.has(conversationId)) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'The coach is already answering in this conversation',
      );
    }
    const controller = new AbortController();
    const done = this.counted(userId, conversationId, () => work(controller.signal)).finally(() => {
      if (this.running.get(conversationId)?.controller === controller)
        this.running.delete(conversationId);
    });
    this.running.set(conversationId, { conversationId, userId, controller, done });
    return done;
  }

  /** Runs `work` while the answer counts in the shared tally (if any; a failure to count is not the answer's). */
  private async counted(
    userId: string,
    conversationId: string,
    work: () => Promise<unknown>,
  ): Promise<unknown> {
    const shared = this.options.shared;
    const remove = shared
      ? await shared.add(userId, conversationId).catch((error: unknown) => {
          this.options.logger?.warn(
            { err: (error as Error).message },
            'running answer not counted across instances',
          );
          return undefined;
        })
      : undefined;
    try {
      return await work();
    } finally {
      await remove?.().catch(() => undefined);
    }
  }

  /** Aborts the conversation's answer; the engine keeps the partial text as `interrupted`. */
  stop(conversationId: string): boolean {
    const answer = this.running.get(conversationId);
    if (!answer) return false;
    answer.controller.abort(new DomainError(DomainErrorCode.Conflict, 'stopped'));
    return true;
  }

  /** Waits up to `deadlineMs` for running answers, then aborts what is left and waits for them to settle. */
  async drain(deadlineMs: number): Promise<{ finished: number; aborted: number }> {
    const all = [...this.running.values()];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'deadline'>(
      (resolve) => (timer = setTimeout(() => resolve('deadline'), deadlineMs)),
    );
    await Promise.race([Promise.allSettled(all.map((a) => a.done)), deadline]);
    clearTimeout(timer);
    const left = [...this.running.values()];
    for (const answer of left)
      answer.controller.abort(new DomainError(DomainErrorCode.Unavailable, 'server shutting down'));
    await Promise.allSettled(left.map((a) => a.done));
    return { finished: all.length - left.length, aborted: left.length };
  }
}
