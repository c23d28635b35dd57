import type { DelegatedToken, DelegatedTokenProvider, DelegationTarget } from './token-exchange.js';

export interface DelegatedTokenCacheOptions {
  /** A token is renewed this long before it expires. Default 60 s. */
  readonly renewBeforeMs?: number;
  /** At most this many tokens are kept; the oldest go first. Default 10,000. */
  readonly maxEntries?: number;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

export interface UserTokenRequest extends DelegationTarget {
  /** The verified user the token is for: the cache key, with the resource and scope. */
  readonly userId: string;
  /** The user's own (API) token, exchanged when no cached token is fresh. */
  readonly subjectToken: string;
}

/** Delegated tokens, cached per user and target until shortly before they expire. */
export interface DelegatedTokens {
  forUser(request: UserTokenRequest): Promise<string>;
  forService(target: DelegationTarget): Promise<string>;
}

/**
 * Caches a provider's tokens in memory (never written anywhere, never logged). Concurrent
 * requests for the same key share one exchange; a failed exchange is not cached.
 */
export function createDelegatedTokenCache(
  provider: DelegatedTokenProvider,
  options: DelegatedTokenCacheOptions = {},
): DelegatedTokens {
  const now = options.now ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const tokens = new Map<string, DelegatedToken>();
  const pending = new Map<string, Promise<DelegatedToken>>();

  async function cached(key: string, obtain: () => Promise<DelegatedToken>): Promise<string> {
    const hit = tokens.get(key);
    if (hit && hit.expiresAt - renewBeforeMs > now()) return hit.accessToken;
    tokens.delete(key);
    let flight = pending.get(key);
    if (!flight) {
      flight = obtain().finally(() => pending.delete(key));
      pending.set(key, flight);
    }
    const fresh = await flight;
    if (fresh.expiresAt - renewBeforeMs > now()) {
      tokens.set(key, fresh);
      while (tokens.size > maxEntries) tokens.delete(tokens.keys().next().value as string);
    }
    return fresh.accessToken;
  }

  const keyOf = (who: string, target: DelegationTarget): string =>
    JSON.stringify([who, target.resource, target.scope ?? '']);

  return {
    forUser: (request) =>
      cached(keyOf(`user:${request.userId}`, request), () =>
        provider.onBehalfOf(request.subjectToken, request),
      ),
    forService: (target) => cached(keyOf('service', target), () => provider.forService(target)),
  };
}
