import type { ConversationCore } from '../conversation/conversation-core.js';
import type { Logger } from '../ports/logger.port.js';
import type { PresenceTracker } from '../ports/presence-tracker.port.js';

/** Each this many people online widen a room's window by one `windowMs`. */
const PEOPLE_PER_WINDOW = 250;

/**
 * Publishes a room's online list after people join or leave, at most once per `windowMs`
 * per room: when 500 people open a room at once, members get a handful of presence events,
 * not one per join (which would be 125,000 deliveries). The list grows with the room and
 * goes to everyone in it, so a larger room waits longer between lists: one more `windowMs`
 * per 250 people online (2,000 online: 1.6 s with the default 200 ms).
 */
export class PresenceAnnouncer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** How many were online at each room's last list (rooms with someone online only). */
  private readonly lastOnline = new Map<string, number>();

  constructor(
    private readonly presence: PresenceTracker,
    private readonly conversations: Pick<ConversationCore, 'publishEphemeral'>,
    private readonly logger: Logger,
    private readonly windowMs = 200,
  ) {}

  /** Something changed in the room: its list goes out within `windowMs`. */
  announce(groupId: string): void {
    if (this.pending.has(groupId)) return;
    const widen = Math.ceil((this.lastOnline.get(groupId) ?? 0) / PEOPLE_PER_WINDOW);
    const timer = setTimeout(
      () => {
        this.pending.delete(groupId);
        void this.publish(groupId);
      },
      this.windowMs * Math.max(1, widen),
    );
    timer.unref?.();
    this.pending.set(groupId, timer);
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.lastOnline.clear();
  }

  private async publish(groupId: string): Promise<void> {
    try {
      const online = await this.presence.online(groupId);
      if (online.length > 0) this.lastOnline.set(groupId, online.length);
      else this.lastOnline.delete(groupId);
      await this.conversations.publishEphemeral(
        { kind: 'group', groupId },
        { type: 'presence', groupId, online },
      );
    } catch (error) {
      // Presence is advisory: the next change publishes the full list again.
      this.logger.warn({ groupId, err: (error as Error).message }, 'presence not published');
    }
  }
}
