import type { SalesCoachClient } from '@salescoach/client';

interface AttemptHandlers {
  readonly onStarted: () => void;
  readonly onData: () => void;
  readonly onError: (error: Error) => void;
}

/**
 * One subscription attempt as a call: rejects with the server's refusal; resolves as soon as
 * the server has started the subscription (it authorizes before starting) or sent data, and
 * unsubscribes then. Nothing waits for a refusal that may never come.
 */
export function subscribeOnce(
  subscribe: (
    client: SalesCoachClient,
    id: string,
    handlers: AttemptHandlers,
  ) => { unsubscribe(): void },
): (client: SalesCoachClient, id: string) => Promise<'started' | 'data'> {
  return (client, id) =>
    new Promise((resolve, reject) => {
      // The client calls back asynchronously, after `subscription` is set.
      const accepted = (how: 'started' | 'data') => {
        subscription.unsubscribe();
        resolve(how);
      };
      const subscription = subscribe(client, id, {
        onStarted: () => accepted('started'),
        onData: () => accepted('data'),
        onError: reject,
      });
    });
}
