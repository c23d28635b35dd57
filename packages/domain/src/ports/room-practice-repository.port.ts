import type { RoomPractice, Whisper } from '../practice/room/room-practice.js';

/**
 * Practices hosted in rooms and their whispers, partitioned by room. Deleting a room
 * deletes both (the group repository's delete does it).
 */
export interface RoomPracticeRepository {
  /** CONFLICT when the practice is already in the room. */
  add(entry: RoomPractice): Promise<RoomPractice>;
  get(groupId: string, practiceId: string): Promise<RoomPractice | null>;
  /** Newest first (by createdAt). */
  listByGroup(groupId: string, options: { limit: number }): Promise<RoomPractice[]>;
  /** CONFLICT when the id is taken. */
  addWhisper(whisper: Whisper): Promise<Whisper>;
  /** Only the whispers `viewerId` sent or received, oldest first. */
  listWhispers(
    groupId: string,
    practiceId: string,
    viewerId: string,
    options: { limit: number },
  ): Promise<Whisper[]>;
}
