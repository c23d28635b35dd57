import { z } from 'zod';
import { idSchema, isoDateSchema } from '../../model/ids.js';

const personSchema = z.object({
  userId: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
});
export type PracticePerson = z.infer<typeof personSchema>;

/**
 * A practice hosted in a room: stored in the room's partition so its members can find it;
 * the practice itself stays the rep's record (their partition, their history).
 */
export const roomPracticeSchema = z.object({
  groupId: idSchema,
  practiceId: idSchema,
  sessionId: idSchema,
  /** The one member who plays: the person who started it. */
  rep: personSchema,
  title: z.string().min(1).max(200),
  createdAt: isoDateSchema,
});
export type RoomPractice = z.infer<typeof roomPracticeSchema>;

export const WHISPER_MAX_CHARS = 1_000;

/**
 * A member's private line to the playing rep: seen only by its sender and the rep, never by
 * other members, never by the buyer, never by the scorer.
 */
export const whisperSchema = z.object({
  id: idSchema,
  groupId: idSchema,
  practiceId: idSchema,
  from: personSchema,
  to: personSchema,
  text: z.string().min(1).max(WHISPER_MAX_CHARS),
  createdAt: isoDateSchema,
});
export type Whisper = z.infer<typeof whisperSchema>;

/** A person's score for a practice, next to the coach's scorecard (room owner or a Manager). */
export const humanScoreSchema = z.object({
  score: z.number().int().min(0).max(100),
  comment: z.string().max(2_000),
  by: personSchema,
  createdAt: isoDateSchema,
});
export type HumanScore = z.infer<typeof humanScoreSchema>;
