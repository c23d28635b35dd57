import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';
import type { ConversationRef } from '../model/message.js';
import { roleSchema } from '../model/user.js';
import { humanScoreSchema } from './room/room-practice.js';
import { scenarioSchema } from './scenario.js';
import { scorecardSchema } from './scorecard.js';

export const practiceStatusSchema = z.enum(['active', 'ended', 'scored']);
export type PracticeStatus = z.infer<typeof practiceStatusSchema>;

export const practiceHintSchema = z.object({
  text: z.string().min(1).max(600),
  createdAt: isoDateSchema,
});
export type PracticeHint = z.infer<typeof practiceHintSchema>;

/**
 * One practice: a rep's call with a buyer. Its conversation is a session of kind `practice`
 * (same store, events and resume as chat); this record keeps the scenario it was played
 * against (a snapshot: a deal that changes later does not change a past practice), the
 * rep's private hints and the scorecard.
 */
export const practiceSchema = z.object({
  id: idSchema,
  /** The rep: the record's owner and storage partition. */
  userId: z.string().min(1).max(200),
  sessionId: idSchema,
  role: roleSchema,
  scenario: scenarioSchema,
  status: practiceStatusSchema,
  scorecard: scorecardSchema.optional(),
  /** Why the last scoring attempt failed, safe to show; cleared by a successful one. */
  scoreError: z.string().min(1).max(300).optional(),
  hints: z.array(practiceHintSchema).max(50),
  /** Set when the practice is played in a room (its members watch it live). */
  groupId: idSchema.optional(),
  /** Scores people added beside the coach's scorecard, one per reviewer (rooms). */
  humanScores: z.array(humanScoreSchema).max(20).optional(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  endedAt: isoDateSchema.optional(),
});
export type Practice = z.infer<typeof practiceSchema>;

/** The practice's conversation: a session in its rep's partition. */
export const practiceRef = (practice: Pick<Practice, 'userId' | 'sessionId'>): ConversationRef => ({
  kind: 'session',
  userId: practice.userId,
  sessionId: practice.sessionId,
});
