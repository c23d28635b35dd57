import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type McpServerConfig, oboTargetOf, type Settings } from '@salescoach/config';
import type { DevIssuer } from '@salescoach/auth';
import {
  createDelegatedTokenCache,
  createDevTokenEndpoint,
  createTokenExchangeClient,
  DEV_TOKEN_PATH,
  type DelegatedTokens,
  type DevTokenEndpoint,
} from '@salescoach/auth/delegation';

/** The API's client id at its own dev token endpoint. */
export const DEV_API_CLIENT_ID = 'salescoach-api';

/** How the API gets tokens for `obo` MCP servers, and (dev mode) the endpoint that issues them. */
export interface Delegation {
  /** Undefined when no server uses `obo`. */
  readonly tokens?: DelegatedTokens;
  /** Dev mode only: the local issuer's token endpoint and keys, served by the API itself. */
  readonly dev?: { readonly endpoint: DevTokenEndpoint; readonly issuer: DevIssuer };
  /** Tells the dev exchange client where the API listens (known only after `listen`). */
  bind(baseUrl: string): void;
}

const oboResources = (servers: readonly McpServerConfig[]): string[] =>
  servers.map(oboTargetOf).flatMap((t) => (t ? [t.resource] : []));

/**
 * Dev mode: the local issuer gets an RFC 8693 token endpoint on the API (only the API, with a
 * secret made at start, may call it) and the API exchanges users' tokens there over HTTP, the
 * same code path as against any STS.
 */
export function devDelegation(issuer: DevIssuer, servers: readonly McpServerConfig[]): Delegation {
  const clientSecret = randomBytes(32).toString('base64url');
  const endpoint = createDevTokenEndpoint({
    issuer,
    clientId: DEV_API_CLIENT_ID,
    clientSecret,
    resources: oboResources(servers),
  });
  let baseUrl: string | undefined;
  const tokens = createDelegatedTokenCache(
    createTokenExchangeClient({
      tokenEndpoint: () => {
        if (!baseUrl) throw new Error('the API is not listening yet');
        return `${baseUrl}${DEV_TOKEN_PATH}`;
      },
      clientId: DEV_API_CLIENT_ID,
      clientSecret,
    }),
  );
  return {
    tokens,
    dev: { endpoint, issuer },
    bind: (url) => {
      baseUrl = url;
    },
  };
}

/** Entra mode: On-Behalf-Of through msal-node with the API app's secret or certificate. */
export async function entraDelegation(
  settings: Settings,
  servers: readonly McpServerConfig[],
): Promise<Delegation> {
  const bind = (): void => undefined;
  const needing = servers.filter((s) => oboTargetOf(s) !== undefined);
  if (needing.length === 0) return { bind };
  const names = needing.map((s) => s.name).join(', ');
  if (!settings.ENTRA_CLIENT_SECRET && !settings.ENTRA_CLIENT_CERTIFICATE_FILE)
    throw new Error(
      `MCP servers ${names} use auth "obo": set ENTRA_CLIENT_SECRET or ENTRA_CLIENT_CERTIFICATE_FILE (the API app's credential for On-Behalf-Of)`,
    );
  const missingScope = needing.filter((s) => !oboTargetOf(s)?.scope).map((s) => s.name);
  if (missingScope.length > 0)
    throw new Error(
      `MCP servers ${missingScope.join(', ')} use auth "obo" in entra mode: give { "obo": { "scope": "api://<server app>/<scope>" } }`,
    );
  const { createEntraOboProvider } = await import('@salescoach/auth/entra-obo');
  const provider = createEntraOboProvider({
    tenantId: settings.ENTRA_TENANT_ID ?? '',
    clientId: (settings.ENTRA_AUDIENCE ?? '').replace(/^api:\/\//, ''),
    ...(settings.ENTRA_CLIENT_CERTIFICATE_FILE
      ? { certificatePem: await readFile(settings.ENTRA_CLIENT_CERTIFICATE_FILE, 'utf8') }
      : { clientSecret: settings.ENTRA_CLIENT_SECRET }),
  });
  return { tokens: createDelegatedTokenCache(provider), bind };
}
