import type { ConversationCore } from '../conversation/conversation-core.js';
import type { FollowStream } from '../conversation/follow-stream.js';
import type { ConversationEvent } from '../model/events.js';
import type { User } from '../model/user.js';
import type { GroupRepository } from '../ports/group-repository.port.js';
import { requireMembership } from './group-access.js';
import type { PresenceAnnouncer } from './presence-announcer.js';
import type { PresenceTracker } from '../ports/presence-tracker.port.js';

export interface FollowRoomDeps {
  readonly conversations: Pick<ConversationCore, 'follow'>;
  readonly groups: GroupRepository;
  readonly presence: PresenceTracker;
  readonly announcer: PresenceAnnouncer;
}

export interface FollowRoomInput {
  readonly user: User;
  readonly groupId: string;
  readonly lastEventId: string | null | undefined;
  readonly signal: AbortSignal;
}

/** True for the events after which this subscriber may see nothing more of the room. */
export function endsAccess(event: ConversationEvent, userId: string): boolean {
  return (
    event.type === 'group.deleted' || (event.type === 'member.removed' && event.userId === userId)
  );
}

/** A request for input is the asker's alone: other members never receive it. */
function forSomeoneElse(event: ConversationEvent, userId: string): boolean {
  return event.type === 'tool.elicitation' && event.elicitation.askedBy.id !== userId;
}

/**
 * A member's live view of a room: listens to the room's stream FIRST, then checks
 * membership against the store (so a removal between the caller's check and the
 * subscription is not missed) and marks the person present; a refusal is thrown here,
 * before any event. The membership view is then kept from the stream itself: the
 * subscriber's own `member.removed` (or `group.deleted`) is delivered as the last event,
 * and nothing after it. Closing the returned stream (or aborting `signal`) marks them gone.
 */
export async function followRoom(
  deps: FollowRoomDeps,
  input: FollowRoomInput,
): Promise<FollowStream> {
  const { user, groupId } = input;
  // Listening and the replay start now, while membership is checked.
  const events = deps.conversations.follow(
    { kind: 'group', groupId },
    {
      lastEventId: input.lastEventId,
      signal: input.signal,
      stillAllowed: (event) => !endsAccess(event, user.id),
      deliverEnding: true,
      hidden: (event) => forSomeoneElse(event, user.id),
    },
  );
  try {
    // One membership read, not the whole member list (a room of thousands all reconnecting).
    await requireMembership(deps.groups, groupId, user.id);
    const leave = await deps.presence.join(groupId, { userId: user.id, name: user.name });
    events.onClose(async () => {
      await leave();
      deps.announcer.announce(groupId);
    });
    deps.announcer.announce(groupId);
  } catch (error) {
    await events.return(undefined);
    throw error;
  }
  return events;
}
