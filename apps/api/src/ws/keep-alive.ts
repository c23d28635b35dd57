import type { WebSocket } from 'ws';

export interface KeepAliveOptions {
  /** A socket silent this long gets a `PING`. */
  readonly pingMs: number;
  /** …and is terminated if nothing arrives this long after it. */
  readonly pongWaitMs: number;
  readonly now: () => number;
}

interface Liveness {
  lastSeen: number;
  pingedAt: number;
}

/**
 * tRPC's keep-alive (a `PING` to a silent socket, terminated without an answer) for every
 * socket from one interval, instead of two timers and a listener per socket. A socket is
 * pinged between `pingMs` and `pingMs + tick` of silence (tick = a quarter of the shorter
 * wait), and terminated at most a tick after `pongWaitMs` with no answer.
 */
export function createKeepAlive(sockets: Iterable<WebSocket>, options: KeepAliveOptions) {
  const liveness = new WeakMap<WebSocket, Liveness>();
  const tickMs = Math.max(50, Math.floor(Math.min(options.pingMs, options.pongWaitMs) / 4));
  const timer = setInterval(() => {
    const now = options.now();
    for (const ws of sockets) {
      const state = liveness.get(ws);
      if (!state) continue;
      if (state.pingedAt > 0) {
        if (now - state.pingedAt >= options.pongWaitMs) ws.terminate();
      } else if (now - state.lastSeen >= options.pingMs) {
        state.pingedAt = now;
        ws.send('PING');
      }
    }
  }, tickMs);
  timer.unref();
  return {
    watch(ws: WebSocket): void {
      liveness.set(ws, { lastSeen: options.now(), pingedAt: 0 });
    },
    /** Anything from the client counts as an answer. */
    heard(ws: WebSocket): void {
      const state = liveness.get(ws);
      if (!state) return;
      state.lastSeen = options.now();
      state.pingedAt = 0;
    },
    close(): void {
      clearInterval(timer);
    },
  };
}
