import type { ConversationCore } from '../conversation/conversation-core.js';
import type { Logger } from '../ports/logger.port.js';
import type { PresenceTracker } from '../ports/presence-tracker.port.js';

/**
 * Publishes a room's online list after people join or leave, at most once per `windowMs`
 * per room: when 500 people open a room at once, members get a handful of presence events,
 * not one per join (which would be 125,000 deliveries).
 */
export class PresenceAnnouncer {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly presence: PresenceTracker,
    private readonly conversations: Pick<ConversationCore, 'publishEphemeral'>,
    private readonly logger: Logger,
    private readonly windowMs = 200,
  ) {}

  /** Something changed in the room: its list goes out within `windowMs`. */
  announce(groupId: string): void {
    if (this.pending.has(groupId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(groupId);
      void this.publish(groupId);
    }, this.windowMs);
    timer.unref?.();
    this.pending.set(groupId, timer);
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async publish(groupId: string): Promise<void> {
    try {
      const online = await this.presence.online(groupId);
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
