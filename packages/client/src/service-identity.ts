import type { AppRouter } from '@salescoach/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { httpUrlFor } from './client.js';
import { renewing } from './renewing-token.js';

/** Dev mode: a token for a configured service identity (e.g. `digest`) from the dev issuer. */
export function devServiceTokenSource(url: string, service: string): () => Promise<string> {
  const http = createTRPCClient<AppRouter>({ links: [httpLink({ url: httpUrlFor(url) })] });
  return renewing(() => http.auth.devServiceLogin.mutate({ service }));
}

export interface ClientCredentials {
  /** e.g. `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`. */
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API's `.default` scope: `api://<API app id>/.default`. */
  readonly scope: string;
}

/** Entra mode: an app-only token by the OAuth 2.0 client credentials grant, renewed before it expires. */
export function clientCredentialsTokenSource(
  credentials: ClientCredentials,
  fetcher: typeof fetch = fetch,
): () => Promise<string> {
  return renewing(async () => {
    const response = await fetcher(credentials.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope: credentials.scope,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string')
      throw new Error(
        `The token endpoint refused the client credentials (${response.status}${typeof body.error === 'string' ? `, ${body.error}` : ''})`,
      );
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    return { token: body.access_token, expiresAt: Date.now() + seconds * 1000 };
  });
}
