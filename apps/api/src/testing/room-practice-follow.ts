import type { SalesCoachClient } from '@salescoach/client';
import { collectEvents } from './event-collector.js';

export type RoomPracticeStream = 'events' | 'whisperEvents';

/**
 * Follows a room practice's events or the caller's whisper stream. `ready` resolves once
 * the server listens, or with the refusal; `ended` once the server closed the stream.
 */
export function followRoomPractice(
  client: SalesCoachClient,
  stream: RoomPracticeStream,
  input: { groupId: string; practiceId: string },
) {
  const seen = collectEvents();
  let settle: (refusal: unknown) => void = () => undefined;
  const ready = new Promise<unknown>((resolve) => (settle = resolve));
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const handlers = {
    onData: seen.onData,
    onStarted: () => settle(undefined),
    onError: (error: unknown) => settle(error),
    onComplete: () => markEnded(),
    onStopped: () => markEnded(),
  };
  const procedure = client.api.practice.room[stream];
  const subscription = procedure.subscribe({ ...input, lastEventId: null }, handlers);
  return { ...seen, ready, ended, stop: () => subscription.unsubscribe() };
}

/** Follows and waits until the server listens (throws the refusal if refused). */
export async function listenToRoomPractice(
  client: SalesCoachClient,
  stream: RoomPracticeStream,
  input: { groupId: string; practiceId: string },
) {
  const follower = followRoomPractice(client, stream, input);
  const refusal = await follower.ready;
  if (refusal) throw refusal instanceof Error ? refusal : new Error('subscription refused');
  return follower;
}
