import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  exportPKCS8,
  importPKCS8,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';

export interface SignOptions {
  /** Default `RS256`. `none` makes an unsigned token; `HS256` uses the public key's PEM as the HMAC secret (algorithm confusion). Other RSA algorithms sign with the served key. */
  readonly alg?: string;
  /** Default: the served key's id. */
  readonly kid?: string;
  /** A jose time span such as `1h` or `-5m` (already expired). Default `1h`, unless `exp` is in the claims. */
  readonly expiresIn?: string;
  /** A jose time span such as `10m` (not valid yet). Default now, unless `nbf` is in the claims. */
  readonly notBefore?: string;
  /** Sign with a throwaway key of the same shape (a forgery under the served kid). */
  readonly foreignKey?: boolean;
}

export interface JwksServer {
  /** The JWKS uri (`http://127.0.0.1:<port>/discovery/v2.0/keys`). */
  readonly url: string;
  readonly kid: string;
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** How many times the key set was fetched. */
  requestCount(): number;
  close(): Promise<void>;
}

const KEYS_PATH = '/discovery/v2.0/keys';

/** A real HTTP server on 127.0.0.1 serving one RS256 public key, and a signer for tokens under it. */
export async function startJwksServer(): Promise<JwksServer> {
  const kid = randomUUID();
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const publicPem = await exportSPKI(publicKey);
  const body = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }],
  });
  let requests = 0;

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === KEYS_PATH) {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  async function sign(claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
    const alg = options.alg ?? 'RS256';
    const payload = claims as JWTPayload;
    if (alg === 'none') {
      const unsecured = new UnsecuredJWT(payload).setIssuedAt();
      if (payload.exp === undefined) unsecured.setExpirationTime(options.expiresIn ?? '1h');
      if (payload.nbf === undefined) unsecured.setNotBefore(options.notBefore ?? '0s');
      return unsecured.encode();
    }
    const jwt = new SignJWT(payload).setProtectedHeader({
      alg,
      kid: options.kid ?? kid,
      typ: 'JWT',
    });
    if (payload.iat === undefined) jwt.setIssuedAt();
    if (payload.exp === undefined) jwt.setExpirationTime(options.expiresIn ?? '1h');
    if (payload.nbf === undefined) jwt.setNotBefore(options.notBefore ?? '0s');
    let key: CryptoKey | Uint8Array = options.foreignKey ? foreign.privateKey : privateKey;
    if (alg.startsWith('HS')) key = new TextEncoder().encode(publicPem);
    else if (alg !== 'RS256') key = await importPKCS8(await exportPKCS8(key), alg);
    return jwt.sign(key);
  }

  return {
    url: `http://127.0.0.1:${port}${KEYS_PATH}`,
    kid,
    sign,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface EntraClaimsOptions {
  readonly tenantId: string;
  readonly audience: string;
  readonly oid?: string;
  readonly roles?: string[];
  readonly name?: string;
  readonly email?: string;
}

/** The claims of a typical Entra ID v2 access token for an app with app roles. */
export function entraClaims(options: EntraClaimsOptions): Record<string, unknown> {
  const oid = options.oid ?? randomUUID();
  return {
    iss: `https://login.microsoftonline.com/${options.tenantId}/v2.0`,
    aud: options.audience,
    tid: options.tenantId,
    oid,
    sub: `sub-${oid}`,
    ver: '2.0',
    name: options.name ?? 'Test User',
    preferred_username: options.email ?? 'test.user@contoso.example',
    roles: options.roles ?? ['Sales'],
  };
}
