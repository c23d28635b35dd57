import type { PinnedAnswer } from '../coaching/pinned-answer.js';

/** Team FAQ entries, kept per team. */
export interface PinnedAnswerRepository {
  add(pin: PinnedAnswer): Promise<PinnedAnswer>;
  /** Newest first, at most `limit` for each team. */
  listByTeams(teamIds: readonly string[], options: { limit: number }): Promise<PinnedAnswer[]>;
  /** False when there was no such entry in that team. */
  remove(teamId: string, pinId: string): Promise<boolean>;
}
