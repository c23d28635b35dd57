import { DEV_ISSUER } from '@salescoach/auth';
import { DEV_JWKS_PATH } from '@salescoach/auth/delegation';
import type { CrmAuthOptions } from '@salescoach/mcp-crm';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export interface ApiIssuerTrust {
  /** For `startCrmServer({ auth })`: the API's dev issuer, its keys fetched from the API. */
  readonly auth: CrmAuthOptions;
  /** Points the CRM at the API once it listens; requests that came earlier wait for it. */
  trust(apiUrl: string): void;
}

/**
 * A CRM started before the API it trusts (the servers file needs the CRM's URL first): it
 * fetches the API's `/.well-known/jwks.json` over HTTP, as `pnpm start` does.
 */
export function trustApiIssuer(): ApiIssuerTrust {
  let point!: (keys: JWTVerifyGetKey) => void;
  const remote = new Promise<JWTVerifyGetKey>((resolve) => (point = resolve));
  return {
    auth: {
      issuer: DEV_ISSUER,
      algorithm: 'ES256',
      keys: async (header, token) => (await remote)(header, token),
      // Named in the CRM's metadata only; the API's port is not known yet.
      authorizationServer: 'http://127.0.0.1',
    },
    trust(apiUrl) {
      point(createRemoteJWKSet(new URL(DEV_JWKS_PATH, apiUrl)));
    },
  };
}
