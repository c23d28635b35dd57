import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';

const userId = z.string().min(1).max(200);
const person = z.object({ id: userId, name: z.string().min(1).max(200) });

/** Who must do an assignment: the whole team (whoever is on it), or named reps of the team. */
export const assigneesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team') }).strict(),
  z.object({ kind: z.literal('reps'), userIds: z.array(userId).min(1).max(100) }).strict(),
]);
export type Assignees = z.infer<typeof assigneesSchema>;

/** Practice a team's manager asked reps to do by a date: one scenario, often from an insights cluster. */
export const assignmentSchema = z.object({
  id: idSchema,
  teamId: z.string().min(1).max(64),
  /** A library scenario or one of the team's scenarios. */
  scenarioId: z.string().min(1).max(100),
  scenarioTitle: z.string().min(1).max(200),
  assignees: assigneesSchema,
  dueAt: isoDateSchema,
  clusterId: idSchema.optional(),
  assignedBy: person,
  createdAt: isoDateSchema,
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** A rep's scored practice of the assigned scenario, started after the assignment: it is done. */
export const assignmentCompletionSchema = z.object({
  assignmentId: idSchema,
  teamId: z.string().min(1).max(64),
  userId,
  practiceId: idSchema,
  score: z.number().int().min(0).max(100),
  completedAt: isoDateSchema,
});
export type AssignmentCompletion = z.infer<typeof assignmentCompletionSchema>;

export function appliesTo(assignment: Pick<Assignment, 'assignees'>, userId: string): boolean {
  return assignment.assignees.kind === 'team' || assignment.assignees.userIds.includes(userId);
}

export type AssignmentStatus = 'open' | 'done' | 'overdue';

export function statusOf(
  assignment: Pick<Assignment, 'dueAt'>,
  completion: AssignmentCompletion | undefined,
  now: Date,
): AssignmentStatus {
  if (completion) return 'done';
  return Date.parse(assignment.dueAt) < now.getTime() ? 'overdue' : 'open';
}
