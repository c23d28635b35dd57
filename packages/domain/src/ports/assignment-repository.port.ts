import type { Assignment, AssignmentCompletion } from '../coaching/assignment.js';

/** Assignments and their completions, kept per team. */
export interface AssignmentRepository {
  create(assignment: Assignment): Promise<Assignment>;
  /** Newest first, at most `limit` for each team. */
  listByTeams(teamIds: readonly string[], options: { limit: number }): Promise<Assignment[]>;
  /** Records a rep's completion once: false when that rep had already completed it. */
  complete(completion: AssignmentCompletion): Promise<boolean>;
  /** Every completion of the teams' assignments. */
  completions(teamIds: readonly string[]): Promise<AssignmentCompletion[]>;
}
