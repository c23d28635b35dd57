import { closingStream } from '../conversation/closing-stream.js';
import type { ConversationCore } from '../conversation/conversation-core.js';
import type { FollowedEvent } from '../conversation/follow-stream.js';
import type { ConversationEvent } from '../model/events.js';
import { isMember } from '../model/group.js';
import type { User } from '../model/user.js';
import type { GroupRepository } from '../ports/group-repository.port.js';
import { notAMember } from './group-access.js';
import type { PresenceAnnouncer } from './presence-announcer.js';
import type { PresenceTracker } from './presence.port.js';

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
): Promise<AsyncGenerator<FollowedEvent>> {
  const { user, groupId } = input;
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  input.signal.addEventListener('abort', onAbort);
  if (input.signal.aborted) inner.abort();

  let ending: ConversationEvent | undefined;
  const events = deps.conversations.follow(
    { kind: 'group', groupId },
    {
      lastEventId: input.lastEventId,
      signal: inner.signal,
      stillAllowed: (event) => {
        if (!endsAccess(event, user.id)) return true;
        ending = event;
        return false;
      },
    },
  );
  // Replay starts now, while membership is checked.
  const first = events.next();
  let leave: (() => Promise<void>) | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    input.signal.removeEventListener('abort', onAbort);
    inner.abort();
    // Settle the pending read (it ends at once once aborted), then close the follower.
    await first.catch(() => undefined);
    await events.return(undefined);
    if (leave) {
      await leave();
      deps.announcer.announce(groupId);
    }
  };
  try {
    const group = await deps.groups.get(groupId);
    if (!group || !isMember(group, user.id)) throw notAMember();
    leave = await deps.presence.join(groupId, { userId: user.id, name: user.name });
    deps.announcer.announce(groupId);
  } catch (error) {
    await close();
    throw error;
  }

  return closingStream(async function* () {
    let next = await first;
    while (!next.done) {
      yield next.value;
      next = await events.next();
    }
    if (ending) yield { id: undefined, event: ending };
  }, close);
}
