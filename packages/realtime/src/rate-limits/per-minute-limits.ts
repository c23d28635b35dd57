import { DomainError, DomainErrorCode, type RateLimiter } from '@salescoach/domain';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Limiters of so many actions per key per minute, from one store: the API instance's memory,
 * or Redis, where every instance counts against the same allowance.
 */
export interface PerMinuteLimits {
  /**
   * `name` keeps limiters apart in a shared store ("send", "room-create"); `tooMany` says
   * what the caller did too often, e.g. "You are sending too fast".
   */
  limiter(name: string, perMinute: number, tooMany: string): RateLimiter;
}

/**
 * A rate-limiter-flexible limiter as the domain's port: a refusal is RATE_LIMITED
 * (TOO_MANY_REQUESTS) with `retryAfterMs` and a sentence saying when to try again.
 */
export function refusingLimiter(
  backend: RateLimiterAbstract,
  perMinute: number,
  tooMany: string,
): RateLimiter {
  return {
    async consume(key) {
      try {
        await backend.consume(key);
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
