import { useSyncExternalStore } from 'react';
import type { WsClient } from './api-client.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionStatusStore {
  readonly get: () => ConnectionStatus;
  readonly subscribe: (listener: () => void) => () => void;
  readonly dispose: () => void;
}

/** Follows the socket's state: the banner shows "reconnecting" until it is open again. */
export function watchConnection(ws: WsClient): ConnectionStatusStore {
  let status: ConnectionStatus = 'connecting';
  let everConnected = false;
  const listeners = new Set<() => void>();
  const subscription = ws.connectionState.subscribe({
    next(state) {
      let next: ConnectionStatus;
      if (state.state === 'pending') {
        everConnected = true;
        next = 'connected';
      } else {
        next = everConnected ? 'reconnecting' : 'connecting';
      }
      if (next !== status) {
        status = next;
        for (const listener of listeners) listener();
      }
    },
  });
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => subscription.unsubscribe(),
  };
}

export function useConnectionStatus(store: ConnectionStatusStore): ConnectionStatus {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
