/**
 * Fires `onIdle` when armed for `timeoutMs` without being disarmed. Armed only while the
 * adapter waits for the next chunk, so a slow consumer never counts as a stalled stream.
 */
export class IdleWatchdog {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {}

  get fired(): boolean {
    return this.#fired;
  }

  arm(): void {
    this.disarm();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#fired = true;
      this.onIdle();
    }, this.timeoutMs);
  }

  disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
