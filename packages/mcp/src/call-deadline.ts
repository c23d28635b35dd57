/**
 * A call's deadline that stands still while the asker fills in a form: the time a person
 * takes to answer a server's request for input does not count against the server's timeout.
 */
export class CallDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private remainingMs: number;
  private startedAt = 0;
  private paused = 0;

  constructor(ms: number) {
    this.remainingMs = Math.max(0, ms);
    this.arm();
  }

  /** Aborts when the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs `work` with the clock stopped (nested and parallel pauses count once). */
  async whilePaused<T>(work: () => Promise<T>): Promise<T> {
    if (this.paused++ === 0 && !this.expired) {
      clearTimeout(this.timer);
      this.remainingMs = Math.max(0, this.remainingMs - (performance.now() - this.startedAt));
    }
    try {
      return await work();
    } finally {
      if (--this.paused === 0 && !this.expired) this.arm();
    }
  }

  /** Stops the clock for good (the call ended). */
  clear(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    this.startedAt = performance.now();
    this.timer = setTimeout(() => this.controller.abort(), this.remainingMs);
    this.timer.unref();
  }
}
