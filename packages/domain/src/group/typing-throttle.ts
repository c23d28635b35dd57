/**
 * Lets one `typing` signal per person and room through every `intervalMs`; the rest are
 * dropped (the previous signal has not expired yet, so nobody notices).
 */
export class TypingThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** True when this signal should be published (and remembers it). */
  allow(groupId: string, userId: string, nowMs: number): boolean {
    const key = `${groupId}\n${userId}`;
    const previous = this.last.get(key);
    if (previous !== undefined && nowMs - previous < this.intervalMs) return false;
    this.last.set(key, nowMs);
    if (this.last.size > 1_000) this.prune(nowMs);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [key, at] of this.last) if (nowMs - at >= this.intervalMs) this.last.delete(key);
  }
}
