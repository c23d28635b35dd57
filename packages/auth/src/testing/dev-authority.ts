import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { createDevIssuer, DEV_ISSUER, type DevIssuer } from '../dev-issuer.js';
import {
  createDelegatedTokenCache,
  type DelegatedTokens,
} from '../delegation/delegated-token-cache.js';
import {
  createDevTokenEndpoint,
  DEV_JWKS_PATH,
  DEV_TOKEN_PATH,
} from '../delegation/dev-token-endpoint.js';
import { createTokenExchangeClient } from '../delegation/token-exchange-client.js';

export interface DevAuthority {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly issuer: DevIssuer;
  readonly jwksUrl: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** What `startCrmServer({ auth })` needs to accept this authority's tokens. */
  readonly crmAuth: {
    readonly issuer: string;
    readonly keys: JWTVerifyGetKey;
    readonly algorithm: 'ES256';
    readonly authorizationServer: string;
  };
  /** Exchanges over real HTTP against this authority's token endpoint, cached. */
  readonly delegatedTokens: DelegatedTokens;
  /** A signed-in dev user's API token (audience `salescoach-api`). */
  token(devUser: string): Promise<string>;
  /** Token-endpoint requests answered so far, by grant type. */
  requests(): readonly string[];
  close(): Promise<void>;
}

/**
 * The dev issuer on its own port, as the API serves it: its JWKS and its RFC 8693 token
 * endpoint over real HTTP, for tests of the CRM and the hub without the API.
 */
export async function startDevAuthority(): Promise<DevAuthority> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-dev-authority-'));
  const issuer = await createDevIssuer({ dataDir: dir });
  const clientId = 'salescoach-api';
  const clientSecret = randomBytes(24).toString('base64url');
  const endpoint = createDevTokenEndpoint({
    issuer,
    clientId,
    clientSecret,
    resources: (resource) => /^https?:\/\//.test(resource),
  });
  const seen: string[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === DEV_JWKS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks()));
      return;
    }
    if (req.method !== 'POST' || req.url !== DEV_TOKEN_PATH) {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      seen.push(form.get('grant_type') ?? '');
      endpoint.handle(form, req.headers.authorization).then(
        (answer) =>
          res
            .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
            .end(JSON.stringify(answer.body)),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenEndpoint = `${url}${DEV_TOKEN_PATH}`;
  const jwksUrl = `${url}${DEV_JWKS_PATH}`;
  return {
    url,
    issuer,
    jwksUrl,
    tokenEndpoint,
    clientId,
    clientSecret,
    crmAuth: {
      issuer: DEV_ISSUER,
      keys: createRemoteJWKSet(new URL(jwksUrl)),
      algorithm: 'ES256',
      authorizationServer: url,
    },
    delegatedTokens: createDelegatedTokenCache(
      createTokenExchangeClient({ tokenEndpoint, clientId, clientSecret }),
    ),
    token: async (devUser) => (await issuer.issue(devUser)).token,
    requests: () => [...seen],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
