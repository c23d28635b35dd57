import type { ConversationEvent } from '@salescoach/domain';
import { unwrapEvent, type SalesCoachClient } from '@salescoach/client';

export interface CollectedEvent {
  readonly id: string | undefined;
  readonly event: ConversationEvent;
}

/** Collects a subscription's events; `until` resolves once a predicate holds. */
export function collectEvents() {
  const events: CollectedEvent[] = [];
  const waiters: { predicate: (all: CollectedEvent[]) => boolean; resolve: () => void }[] = [];
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  return {
    events,
    /** Resolves when the server acknowledged the subscription (it listens from then on). */
    started,
    onStarted: () => markStarted(),
    onData: (item: unknown) => {
      events.push(unwrapEvent(item));
      for (const waiter of [...waiters]) {
        if (waiter.predicate(events)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    until: (predicate: (all: CollectedEvent[]) => boolean, timeoutMs = 20_000): Promise<void> => {
      if (predicate(events)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`events never matched; saw: ${events.map((e) => e.event.type).join(', ')}`),
            ),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

/** Polls until `check` returns a value (bounded). */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

type Handlers = Pick<ReturnType<typeof collectEvents>, 'onData' | 'onStarted'>;

/** Follows one subscription (resolved once the server listens); `stop()` unsubscribes. */
async function follow(subscribe: (handlers: Handlers) => { unsubscribe(): void }) {
  const seen = collectEvents();
  const subscription = subscribe({ onData: seen.onData, onStarted: seen.onStarted });
  await seen.started;
  return { ...seen, stop: () => subscription.unsubscribe() };
}

/** Follows a session's events (resolved once the server listens); `stop()` unsubscribes. */
export function followSession(
  client: SalesCoachClient,
  sessionId: string,
  lastEventId: string | null = null,
) {
  return follow((handlers) =>
    client.api.chat.events.subscribe({ sessionId, lastEventId }, handlers),
  );
}

/** Follows a practice call's events, like `followSession`. */
export function followPractice(
  client: SalesCoachClient,
  practiceId: string,
  lastEventId: string | null = null,
) {
  return follow((handlers) =>
    client.api.practice.events.subscribe({ practiceId, lastEventId }, handlers),
  );
}

/** Follows a room's events, like `followSession`. */
export function followRoom(
  client: SalesCoachClient,
  groupId: string,
  lastEventId: string | null = null,
) {
  return follow((handlers) =>
    client.api.groups.events.subscribe({ groupId, lastEventId }, handlers),
  );
}

/** Follows the approval changes this client's user may see, like `followSession`. */
export function followApprovals(client: SalesCoachClient, lastEventId: string | null = null) {
  return follow((handlers) => client.api.approvals.events.subscribe({ lastEventId }, handlers));
}
