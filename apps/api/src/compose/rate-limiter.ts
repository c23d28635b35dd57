import { DomainError, DomainErrorCode, type RateLimiter } from '@salescoach/domain';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Sends per minute per user, with rate-limiter-flexible (per API instance). */
export function createSendLimiter(perMinute: number): RateLimiter {
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
          `You are sending too fast (limit ${perMinute} per minute); try again in ${Math.ceil(retryAfterMs / 1000)} s`,
          { retryAfterMs },
        );
      }
    },
  };
}
