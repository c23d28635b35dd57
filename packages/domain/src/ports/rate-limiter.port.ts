/** Per-user limits (sends per minute); the API plugs in a kept limiter library. */
export interface RateLimiter {
  /** Resolves when allowed; throws DomainError RATE_LIMITED (with retryAfterMs) when not. */
  consume(key: string): Promise<void>;
}

export const unlimited: RateLimiter = { consume: async () => undefined };
