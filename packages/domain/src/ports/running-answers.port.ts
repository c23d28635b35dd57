/**
 * The answers each user has running on any API instance, so `MAX_CONCURRENT_ANSWERS` is one
 * cap per user, not one per instance. Entries are leases: an instance that dies without
 * removing its entries stops counting once their lease lapses.
 */
export interface RunningAnswers {
  /** How many answers the user has running, on every instance. */
  count(userId: string): Promise<number>;
  /** Counts the answer as running until the returned function is called. */
  add(userId: string, answerId: string): Promise<() => Promise<void>>;
}
