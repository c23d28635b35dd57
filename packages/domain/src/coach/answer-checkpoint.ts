/**
 * Saves an answer's text while it streams, at most once per `everyMs`, so a process that
 * dies mid-answer leaves the text written so far (marked `interrupted` at the next start),
 * and a reader who reloads during an answer sees it. One save at a time; `settle()` waits
 * for the last one so it can never land after the final update.
 */
export class AnswerCheckpoint {
  private lastSavedAt: number;
  private saving: Promise<unknown> | undefined;
  private savedLength = 0;

  constructor(
    private readonly save: (content: string) => Promise<unknown>,
    private readonly everyMs: number,
    private readonly now: () => number,
  ) {
    this.lastSavedAt = now();
  }

  /** Called with the text so far; saves it when the interval has passed and no save runs. */
  note(content: string): void {
    if (
      this.saving ||
      content.length === this.savedLength ||
      this.now() - this.lastSavedAt < this.everyMs
    )
      return;
    this.lastSavedAt = this.now();
    this.savedLength = content.length;
    this.saving = this.save(content)
      .catch(() => undefined)
      .finally(() => (this.saving = undefined));
  }

  async settle(): Promise<void> {
    await this.saving;
  }
}
