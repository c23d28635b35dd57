/** Ends a turn taken with `RoomAnswerLock.acquire`; idempotent. */
export type ReleaseRoomAnswer = () => Promise<void>;

/**
 * The room's answer turn, shared by every API instance: whoever holds it may run the room's
 * one coach answer. An instance that does not get it keeps its question waiting and asks again.
 */
export interface RoomAnswerLock {
  /** Takes the room's turn; resolves with its release, or undefined while someone else holds it. */
  acquire(groupId: string): Promise<ReleaseRoomAnswer | undefined>;
}
