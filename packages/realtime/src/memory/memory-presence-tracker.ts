import type { OnlineMember, PresenceTracker } from '@salescoach/domain';

interface Presence {
  name: string;
  connections: number;
}

/**
 * Presence for one API process: connections counted per person and room. With several
 * instances (BUS=redis) a shared tracker takes its place.
 */
export class MemoryPresenceTracker implements PresenceTracker {
  private readonly rooms = new Map<string, Map<string, Presence>>();

  async join(groupId: string, user: OnlineMember): Promise<() => Promise<void>> {
    let room = this.rooms.get(groupId);
    if (!room) {
      room = new Map();
      this.rooms.set(groupId, room);
    }
    const presence = room.get(user.userId);
    if (presence) {
      presence.connections++;
      presence.name = user.name;
    } else {
      room.set(user.userId, { name: user.name, connections: 1 });
    }
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      this.leave(groupId, user.userId);
    };
  }

  async online(groupId: string): Promise<OnlineMember[]> {
    const room = this.rooms.get(groupId);
    if (!room) return [];
    return [...room.entries()]
      .map(([userId, p]) => ({ userId, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }

  private leave(groupId: string, userId: string): void {
    const room = this.rooms.get(groupId);
    const presence = room?.get(userId);
    if (!room || !presence) return;
    presence.connections--;
    if (presence.connections > 0) return;
    room.delete(userId);
    if (room.size === 0) this.rooms.delete(groupId);
  }
}
