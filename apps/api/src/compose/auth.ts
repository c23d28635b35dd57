import { resolve } from 'node:path';
import type { McpServerConfig, Settings } from '@salescoach/config';
import type { AuthApi } from '@salescoach/api';
import {
  createDevIssuer,
  createEntraVerifier,
  DEV_AUDIENCE,
  DEV_USERS,
  isAuthError,
  type DevIssuer,
  type TokenVerifier,
} from '@salescoach/auth';
import { DomainError, DomainErrorCode, type User } from '@salescoach/domain';
import { type Delegation, devDelegation, entraDelegation } from './delegation.js';

/** People the server has seen (dev users up front): the directory for adding room members. */
export class UserDirectory {
  private readonly users = new Map<
    string,
    { userId: string; name: string; email: string; roles: readonly string[] }
  >();

  remember(user: User): void {
    this.users.set(user.id, {
      userId: user.id,
      name: user.name,
      email: user.email,
      roles: user.roles,
    });
  }

  list(): { userId: string; name: string; email: string; roles: readonly string[] }[] {
    return [...this.users.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

export interface AuthSetup {
  readonly verifier: TokenVerifier;
  readonly api: AuthApi;
  readonly directory: UserDirectory;
  /** Tokens for `obo` MCP servers (and, in dev mode, the endpoint that issues them). */
  readonly delegation: Delegation;
}

export async function createAuth(
  settings: Settings,
  servers: readonly McpServerConfig[],
): Promise<AuthSetup> {
  const directory = new UserDirectory();
  if (settings.AUTH_MODE === 'entra') {
    const tenantId = settings.ENTRA_TENANT_ID ?? '';
    const audience = settings.ENTRA_AUDIENCE ?? '';
    const verifier = createEntraVerifier({
      tenantId,
      audience,
      jwksUri: settings.ENTRA_JWKS_URI,
      issuer: settings.ENTRA_ISSUER,
    });
    return {
      verifier,
      directory,
      delegation: await entraDelegation(settings, servers),
      api: {
        info: () => ({
          mode: 'entra',
          clientId: settings.ENTRA_CLIENT_ID ?? null,
          tenantId,
          scope: `${audience.startsWith('api://') ? audience : `api://${audience}`}/access_as_user`,
        }),
      },
    };
  }
  const issuer = await createDevIssuer({ dataDir: resolve(settings.DATA_DIR) });
  for (const dev of Object.values(DEV_USERS)) {
    directory.remember({
      id: `dev:${dev.key}`,
      tenantId: 'dev',
      name: dev.name,
      email: dev.email,
      roles: [...dev.roles],
    });
  }
  return {
    verifier: issuer.verifier,
    directory,
    delegation: devDelegation(issuer, servers),
    api: {
      info: () => ({
        mode: 'dev',
        devUsers: Object.values(DEV_USERS).map((u) => ({
          key: u.key,
          name: u.name,
          roles: u.roles,
        })),
      }),
      devServiceLogin: (service) => devServiceToken(issuer, settings, service),
      // An unknown user is the caller's mistake (NOT_FOUND), not a server failure.
      devLogin: (userKey) =>
        issuer.issue(userKey).catch((error: unknown) => {
          throw isAuthError(error)
            ? new DomainError(DomainErrorCode.NotFound, 'Unknown dev user')
            : error;
        }),
    },
  };
}

/** Services the dev issuer signs tokens for, by key: the team digest. */
const DEV_SERVICE_TTL_MS = 15 * 60_000;

/**
 * Dev mode: a short-lived token for the team digest's service identity (`DIGEST_SERVICE_ID`,
 * `dev:<name>`), verified like any other token; in entra mode the digest uses client credentials.
 */
async function devServiceToken(
  issuer: DevIssuer,
  settings: Settings,
  service: string,
): Promise<{ token: string; expiresAt: number }> {
  const [tenant, oid] = settings.DIGEST_SERVICE_ID.split(':');
  if (service !== 'digest' || tenant !== 'dev' || !oid)
    throw new DomainError(DomainErrorCode.NotFound, 'Unknown dev service');
  return issuer.signFor({
    audience: DEV_AUDIENCE,
    subject: oid,
    expiresAt: Date.now() + DEV_SERVICE_TTL_MS,
    claims: { oid, tid: 'dev', name: 'Team digest', roles: ['Service'], idtyp: 'app' },
  });
}
