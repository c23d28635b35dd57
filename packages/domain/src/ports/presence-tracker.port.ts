/** Someone with at least one live subscription to a room. */
export interface OnlineMember {
  readonly userId: string;
  readonly name: string;
}

/**
 * Who is connected to a room right now. One person may be connected several times (two
 * tabs, two API instances): they stay online until their last connection leaves.
 */
export interface PresenceTracker {
  /** Marks one connection of `user` as present; resolves with the function that ends it (idempotent). */
  join(groupId: string, user: OnlineMember): Promise<() => Promise<void>>;
  /** The people online in the room, each once, ordered by name. */
  online(groupId: string): Promise<OnlineMember[]>;
}
