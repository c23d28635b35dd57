import type { CreationKind, CreationLimits, RateLimiter } from '@salescoach/domain';
import type { PerMinuteLimits } from './per-minute-limits.js';

/** Sends per minute per user. */
export function createSendLimiter(limits: PerMinuteLimits, perMinute: number): RateLimiter {
  return limits.limiter('send', perMinute, 'You are sending too fast');
}

/** Sessions and rooms a user may create per minute. */
export function createCreationLimits(
  limits: PerMinuteLimits,
  perMinute: Record<CreationKind, number>,
): CreationLimits {
  const limiters: Record<CreationKind, RateLimiter> = {
    session: limits.limiter(
      'session-create',
      perMinute.session,
      'You are creating conversations too fast',
    ),
    room: limits.limiter('room-create', perMinute.room, 'You are creating rooms too fast'),
  };
  return { consume: (kind, userId) => limiters[kind].consume(userId) };
}
