import type { DevIssuer } from './dev-issuer.js';
import type { AskerTokens, User } from '@salescoach/domain';

/**
 * Dev mode: the local issuer signs a fresh token for the asker when their request is decided
 * (they may be offline); the hub then exchanges it at the dev token endpoint, the same path
 * as at proposal time. Only dev users (`dev:<name>`) can be had this way.
 */
export function devAskerTokens(issuer: DevIssuer): AskerTokens {
  return {
    async forAsker(asker: User) {
      const [tenant, key] = asker.id.split(':');
      if (tenant !== 'dev' || !key) throw new Error('no dev sign-in exists for this person');
      return (await issuer.issue(key)).token;
    },
  };
}

const RENEW_MARGIN_MS = 60_000;

/** The `exp` of a token the API already verified (epoch ms), read without verifying again. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Entra mode (docs/adr/0007-approvals-asker-identity.md): the API cannot sign in as the asker,
 * so it keeps, in memory only, the asker's own (already verified) token from the moment they
 * proposed the call, and exchanges it On-Behalf-Of when the request is approved. When it has
 * expired, or the API restarted since, the decision fails with a clear message and the request
 * keeps waiting until the asker is signed in again (any new proposal of theirs refreshes it).
 */
export function rememberedAskerTokens(now: () => number = Date.now): AskerTokens {
  const tokens = new Map<string, { token: string; expiresAt: number }>();
  return {
    remember(asker, token) {
      const exp = expiryOf(token);
      if (exp !== undefined) tokens.set(asker.id, { token, expiresAt: exp });
    },
    async forAsker(asker) {
      const kept = tokens.get(asker.id);
      if (!kept || kept.expiresAt - RENEW_MARGIN_MS <= now()) {
        tokens.delete(asker.id);
        throw new Error(
          `${asker.name}'s sign-in is no longer available to act on their behalf; it is renewed when ${asker.name} next asks the coach`,
        );
      }
      return kept.token;
    },
  };
}
