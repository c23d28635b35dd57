import { closingStream } from '../../conversation/closing-stream.js';
import type { ConversationCore } from '../../conversation/conversation-core.js';
import type { FollowedEvent } from '../../conversation/follow-stream.js';
import { endsAccess } from '../../group/follow-room.js';

export interface FollowWhileMemberInput {
  readonly userId: string;
  readonly groupId: string;
  readonly signal: AbortSignal;
}

/**
 * A stream a room member may read only while they are in the room (a room practice, their
 * whispers). It listens to the room FIRST, then `open`s the stream (which checks access);
 * the stream ends at the member's own `member.removed` or the room's `group.deleted`, or
 * when `signal` aborts. A refusal from `open` rejects, before any event.
 */
export async function followWhileMember(
  conversations: Pick<ConversationCore, 'follow'>,
  input: FollowWhileMemberInput,
  open: (signal: AbortSignal) => Promise<AsyncGenerator<FollowedEvent>>,
): Promise<AsyncGenerator<FollowedEvent>> {
  const own = new AbortController();
  const signal = AbortSignal.any([input.signal, own.signal]);
  const room = conversations.follow(
    { kind: 'group', groupId: input.groupId },
    { signal, stillAllowed: (event) => !endsAccess(event, input.userId) },
  );
  const watching = (async () => {
    try {
      for (let next = await room.next(); !next.done; next = await room.next());
    } finally {
      own.abort();
    }
  })().catch(() => undefined); // a failed room stream ends this one; the client resubscribes

  let events: AsyncGenerator<FollowedEvent> | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    own.abort();
    await room.return(undefined);
    await watching;
    await events?.return(undefined);
  };
  try {
    events = await open(signal);
  } catch (error) {
    await close();
    throw error;
  }
  const opened = events;
  return closingStream(async function* () {
    for (let next = await opened.next(); !next.done; next = await opened.next()) yield next.value;
  }, close);
}
