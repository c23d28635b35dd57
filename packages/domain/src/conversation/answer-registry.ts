import { DomainError, DomainErrorCode } from '../errors/domain-error.js';

interface RunningAnswer {
  readonly conversationId: string;
  readonly userId: string;
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

/**
 * Answers in flight, independent of any socket: closing a tab does not stop an answer,
 * `stop` does. Caps concurrent answers per user and lets shutdown drain or abort them.
 */
export class AnswerRegistry {
  private readonly running = new Map<string, RunningAnswer>();

  constructor(private readonly maxPerUser: number) {}

  get size(): number {
    return this.running.size;
  }

  isRunning(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  /** Throws LIMIT_EXCEEDED when the user already has the maximum number of answers running. */
  assertCapacity(userId: string): void {
    let count = 0;
    for (const answer of this.running.values()) if (answer.userId === userId) count++;
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
    const done = work(controller.signal).finally(() => {
      if (this.running.get(conversationId)?.controller === controller)
        this.running.delete(conversationId);
    });
    this.running.set(conversationId, { conversationId, userId, controller, done });
    return done;
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
