import type { ApiContext, ApiServices, Identity } from '@salescoach/api';
import { isAuthError, type TokenVerifier } from '@salescoach/auth';
import type { Logger } from '@salescoach/domain';
import type { UserDirectory } from '../compose/auth.js';

export interface ContextFactoryDeps {
  readonly services: ApiServices;
  readonly verifier: TokenVerifier;
  readonly directory: UserDirectory;
  readonly logger: Logger;
  readonly exposeStack: boolean;
}

/**
 * Identity comes ONLY from a verified token: the WebSocket's connectionParams.token or the
 * HTTP Authorization header. Nothing a client writes in a body or query string counts.
 */
export function createContextFactory(deps: ContextFactoryDeps) {
  return async (token: string | undefined): Promise<ApiContext> => {
    let identity: Identity | null = null;
    let authError: string | null = null;
    if (token) {
      try {
        const verified = await deps.verifier.verify(token);
        deps.directory.remember(verified.user);
        // Accepted within the clock skew but already past `exp`: no identity (a socket
        // opened with it would be closed at once, so its calls get UNAUTHORIZED instead).
        if (verified.expiresAt > Date.now())
          identity = {
            user: verified.user,
            expiresAt: verified.expiresAt,
            token,
            kind: verified.kind,
          };
        else authError = 'Your sign-in expired; reconnect with a fresh token';
      } catch (error) {
        if (!isAuthError(error))
          deps.logger.warn({ err: (error as Error).name }, 'token verification could not run');
        authError = isAuthError(error)
          ? error.message
          : 'Sign-in could not be checked right now; try again';
      }
    }
    return {
      identity,
      authError,
      services: deps.services,
      now: Date.now,
      exposeStack: deps.exposeStack,
    };
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
