import type { CreationKind, CreationLimits } from '@salescoach/api';
import { DomainError, DomainErrorCode, type RateLimiter } from '@salescoach/domain';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * So many actions per key per minute, with rate-limiter-flexible (per API instance). A
 * refusal is RATE_LIMITED (TOO_MANY_REQUESTS) with `retryAfterMs`; `tooMany` says what the
 * caller did too often, e.g. "You are sending too fast".
 */
export function createPerMinuteLimiter(perMinute: number, tooMany: string): RateLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterMs = rejection.msBeforeNext;
        throw new DomainError(
          DomainErrorCode.RateLimited,
          `${tooMany} (limit ${perMinute} per minute); try again in ${Math.ceil(retryAfterMs / 1000)} s`,
          { retryAfterMs },
        );
      }
    },
  };
}

/** Sends per minute per user. */
export function createSendLimiter(perMinute: number): RateLimiter {
  return createPerMinuteLimiter(perMinute, 'You are sending too fast');
}

/** Sessions and rooms a user may create per minute. */
export function createCreationLimits(perMinute: Record<CreationKind, number>): CreationLimits {
  const limiters: Record<CreationKind, RateLimiter> = {
    session: createPerMinuteLimiter(perMinute.session, 'You are creating conversations too fast'),
    room: createPerMinuteLimiter(perMinute.room, 'You are creating rooms too fast'),
  };
  return { consume: (kind, userId) => limiters[kind].consume(userId) };
}
