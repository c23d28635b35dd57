import type { ReleaseRoomAnswer, RoomAnswerLock } from './room-answer-lock.port.js';

/** The room answer turn within one API process (BUS=memory); a shared lock replaces it across instances. */
export class MemoryRoomAnswerLock implements RoomAnswerLock {
  private readonly held = new Set<string>();

  async acquire(groupId: string): Promise<ReleaseRoomAnswer | undefined> {
    if (this.held.has(groupId)) return undefined;
    this.held.add(groupId);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      this.held.delete(groupId);
    };
  }
}
