import type { ConnectionGate, Identity } from '@salescoach/api';
import { TRPCError } from '@trpc/server';
import { WebSocket } from 'ws';

/** Close code and reason a socket gets when its identity expires; clients renew and resume. */
export const IDENTITY_EXPIRED = {
  code: 4401,
  reason: 'Your sign-in expired; reconnect with a fresh token',
} as const;

const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface SocketGuardOptions {
  readonly maxSocketsPerUser: number;
  readonly maxSubscriptionsPerSocket: number;
  readonly now: () => number;
}

/**
 * Per-socket rules that hold whatever the socket subscribes to (chat, rooms, practice, any
 * later subscription): a socket never outlives its identity — it is closed with
 * IDENTITY_EXPIRED when the token expires, and nothing is sent on it from that instant
 * even if the timer runs late — one user holds at most `maxSocketsPerUser` sockets, and one
 * socket at most `maxSubscriptionsPerSocket` subscriptions.
 */
export function createSocketGuard(options: SocketGuardOptions) {
  const socketsByUser = new Map<string, number>();

  function subscriptionGate(): ConnectionGate {
    let open = 0;
    const max = options.maxSubscriptionsPerSocket;
    return {
      admitSubscription() {
        if (open >= max)
          throw new TRPCError({
            code: 'TOO_MANY_REQUESTS',
            message: `At most ${max} subscriptions per connection; stop one first`,
          });
        open += 1;
        let released = false;
        return () => {
          if (!released) open -= 1;
          released = true;
        };
      },
    };
  }

  function countSocket(ws: WebSocket, userId: string): void {
    const open = socketsByUser.get(userId) ?? 0;
    const max = options.maxSocketsPerUser;
    if (open >= max)
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `At most ${max} open connections per user; close another tab or client first`,
      });
    socketsByUser.set(userId, open + 1);
    ws.once('close', () => {
      const left = (socketsByUser.get(userId) ?? 1) - 1;
      if (left > 0) socketsByUser.set(userId, left);
      else socketsByUser.delete(userId);
    });
  }

  const expiries = new WeakMap<WebSocket, number>();

  function expire(ws: WebSocket): void {
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
      ws.close(IDENTITY_EXPIRED.code, IDENTITY_EXPIRED.reason);
  }

  /** False (and the socket closed) from the instant its identity expired, timer late or not. */
  function mayWrite(ws: WebSocket): boolean {
    const expiresAt = expiries.get(ws);
    if (expiresAt === undefined || options.now() < expiresAt) return true;
    expire(ws);
    return false;
  }

  function endAtExpiry(ws: WebSocket, expiresAt: number): void {
    expiries.set(ws, expiresAt);
    const timer = setTimeout(
      () => expire(ws),
      Math.min(LONGEST_TIMER_MS, expiresAt - options.now()),
    );
    ws.once('close', () => clearTimeout(timer));
    const send = ws.send.bind(ws);
    // Timers can fire late; from the instant of expiry, nothing more leaves this socket.
    ws.send = ((...args: Parameters<typeof send>) => {
      if (!mayWrite(ws)) return;
      return send(...args);
    }) as typeof ws.send;
  }

  return {
    mayWrite,
    /** Once per connection, with the identity its connectionParams proved (or none). */
    admit(ws: WebSocket, identity: Identity | null): ConnectionGate {
      if (identity) {
        countSocket(ws, identity.user.id);
        endAtExpiry(ws, identity.expiresAt);
      }
      return subscriptionGate();
    },
  };
}
