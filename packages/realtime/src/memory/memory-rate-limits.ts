import { RateLimiterMemory } from 'rate-limiter-flexible';
import { refusingLimiter, type PerMinuteLimits } from '../rate-limits/per-minute-limits.js';

/** Per-minute limits counted in this process only (BUS=memory: one API instance). */
export function createMemoryRateLimits(): PerMinuteLimits {
  return {
    limiter: (name, perMinute, tooMany) =>
      refusingLimiter(
        new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: 60 }),
        perMinute,
        tooMany,
      ),
  };
}
