import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_SIGNING_KEY_FILE, DEV_TENANT_ID } from '@salescoach/auth';
import { entraClaims, type JwksServer } from '@salescoach/auth/testing';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWK,
} from 'jose';

export interface ForgedToken {
  /** The attack, as the test names it. */
  readonly attack: string;
  readonly token: string;
}

export interface TokenSet {
  /** A genuine token (the control: it must be accepted). */
  readonly valid: string;
  /** Tokens every verifier must refuse. */
  readonly forged: readonly ForgedToken[];
  /** A genuine token that expires `seconds` from now. */
  shortLived(seconds: number): Promise<string>;
}

const now = () => Math.floor(Date.now() / 1000);

/** Replaces the payload of a signed token, keeping its header and signature. */
export function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function without(claims: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy = { ...claims };
  delete copy[name];
  return copy;
}

interface SignOptions {
  readonly alg?: string;
  readonly kid?: string;
  /** Another key than the issuer's (an attacker's). */
  readonly key?: CryptoKey | Uint8Array;
  readonly header?: Record<string, unknown>;
}
type Signer = (claims: Record<string, unknown>, options?: SignOptions) => Promise<string>;

/** Forgeries that differ only in their claims, all signed with the issuer's real key. */
async function claimForgeries(
  sign: Signer,
  claims: Record<string, unknown>,
  otherTenant: string,
): Promise<ForgedToken[]> {
  const t = now();
  return [
    {
      attack: 'expired ten minutes ago',
      token: await sign({ ...claims, iat: t - 3_600, nbf: t - 3_600, exp: t - 600 }),
    },
    // Inside the verifier's clock skew, yet past its exp: the API still refuses it.
    {
      attack: 'expired five seconds ago (within the clock skew)',
      token: await sign({ ...claims, iat: t - 3_600, nbf: t - 3_600, exp: t - 5 }),
    },
    {
      attack: 'not yet valid (nbf in ten minutes)',
      token: await sign({ ...claims, nbf: t + 600, exp: t + 3_600 }),
    },
    {
      attack: 'wrong issuer',
      token: await sign({ ...claims, iss: 'https://issuer.evil.example/v2.0' }),
    },
    { attack: 'wrong audience', token: await sign({ ...claims, aud: 'api://another-app' }) },
    { attack: 'wrong tenant', token: await sign({ ...claims, tid: otherTenant }) },
    { attack: 'missing roles', token: await sign(without(claims, 'roles')) },
    { attack: 'empty roles', token: await sign({ ...claims, roles: [] }) },
    { attack: 'missing object id', token: await sign(without(claims, 'oid')) },
  ];
}

/**
 * Forgeries of the header and signature for a verifier pinned to `pinned`: alg none, HMAC
 * keyed with the public key (`confusion`, made by the caller), another algorithm, an unknown
 * kid, an attacker's key under the real kid or embedded in the header, tampered claims.
 */
async function signatureForgeries(
  sign: Signer,
  claims: Record<string, unknown>,
  real: string,
  pinned: 'ES256' | 'RS256',
  confusion: string,
): Promise<ForgedToken[]> {
  const es = await generateKeyPair('ES256', { extractable: true });
  const rs = await generateKeyPair('RS256', { extractable: true });
  const same = pinned === 'ES256' ? es : rs;
  const other =
    pinned === 'ES256'
      ? { alg: 'RS256', key: rs.privateKey }
      : { alg: 'ES256', key: es.privateKey };
  const unsecured = new UnsecuredJWT(claims).encode();
  return [
    { attack: 'alg none', token: unsecured },
    {
      attack: 'alg none with a signature part',
      token: `${unsecured}${Buffer.from('sig').toString('base64url')}`,
    },
    { attack: 'HS256 keyed with the public key (algorithm confusion)', token: confusion },
    {
      attack: `${other.alg} (not the pinned algorithm) under the real kid`,
      token: await sign(claims, other),
    },
    {
      attack: 'unknown kid',
      token: await sign(claims, { alg: pinned, kid: randomUUID(), key: same.privateKey }),
    },
    {
      attack: 'attacker key under the real kid',
      token: await sign(claims, { alg: pinned, key: same.privateKey }),
    },
    {
      attack: 'attacker key embedded in the header (jwk)',
      token: await sign(claims, {
        alg: pinned,
        key: same.privateKey,
        header: { jwk: await exportJWK(same.publicKey) },
      }),
    },
    {
      attack: 'tampered claims (roles raised to Admin)',
      token: tamper(real, (c) => void (c.roles = ['Admin'])),
    },
    {
      attack: 'tampered claims (another user)',
      token: tamper(real, (c) => void (c.oid = 'morgan')),
    },
    { attack: 'signature stripped', token: `${real.split('.').slice(0, 2).join('.')}.` },
    { attack: 'garbage', token: 'not.a.token' },
  ];
}

/**
 * Dev mode: the issuer's own ES256 key is read from DATA_DIR, so the claim forgeries carry a
 * genuine signature and only the claim checks can refuse them.
 */
export async function devTokenSet(dataDir: string, user = 'alex'): Promise<TokenSet> {
  const stored = JSON.parse(await readFile(join(dataDir, DEV_SIGNING_KEY_FILE), 'utf8')) as {
    kid: string;
    jwk: JWK;
  };
  const key = (await importJWK(stored.jwk, 'ES256')) as CryptoKey;
  const { d: _private, ...publicJwk } = stored.jwk;
  const publicPem = await exportSPKI((await importJWK(publicJwk, 'ES256')) as CryptoKey);
  const t = now();
  const claims = {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub: user,
    oid: user,
    tid: DEV_TENANT_ID,
    name: 'Alex Rivera',
    email: 'alex@salescoach.dev',
    roles: ['Sales'],
    iat: t,
    nbf: t,
    exp: t + 600,
  };
  const sign: Signer = (payload, options = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({
        alg: options.alg ?? 'ES256',
        kid: options.kid ?? stored.kid,
        typ: 'JWT',
        ...options.header,
      })
      .sign(options.key ?? key);
  const valid = await sign(claims);
  const confusion = await sign(claims, { alg: 'HS256', key: new TextEncoder().encode(publicPem) });
  return {
    valid,
    forged: [
      ...(await signatureForgeries(sign, claims, valid, 'ES256', confusion)),
      ...(await claimForgeries(sign, claims, 'contoso')),
      { attack: 'missing exp', token: await sign(without(claims, 'exp')) },
    ],
    shortLived: (seconds) => sign({ ...claims, exp: now() + seconds }),
  };
}

export const ENTRA_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ENTRA_AUDIENCE = 'api://salescoach-reliability';

/** Entra mode: tokens signed by the JWKS test server's key (RS256). */
export async function entraTokenSet(jwks: JwksServer): Promise<TokenSet> {
  const claims = entraClaims({
    tenantId: ENTRA_TENANT,
    audience: ENTRA_AUDIENCE,
    oid: 'oid-alex',
    roles: ['Sales'],
    name: 'Alex Rivera',
  });
  const t = now();
  const base = { ...claims, iat: t, nbf: t, exp: t + 600 };
  // jwks.sign signs with the served key (filling iat/nbf/exp only when absent); other keys sign with jose.
  const sign: Signer = async (payload, options = {}) => {
    if (options.key === undefined)
      return jwks.sign(payload, {
        ...(options.alg ? { alg: options.alg } : {}),
        ...(options.kid ? { kid: options.kid } : {}),
      });
    return new SignJWT(payload)
      .setProtectedHeader({
        alg: options.alg ?? 'RS256',
        kid: options.kid ?? jwks.kid,
        typ: 'JWT',
        ...options.header,
      })
      .sign(options.key);
  };
  const valid = await sign(base);
  // The JWKS test server keys an HS256 HMAC with its public key's PEM.
  const confusion = await jwks.sign(base, { alg: 'HS256' });
  return {
    valid,
    forged: [
      ...(await signatureForgeries(sign, base, valid, 'RS256', confusion)),
      { attack: 'PS256 with the real key', token: await jwks.sign(base, { alg: 'PS256' }) },
      {
        attack: 'v1 issuer of the same tenant',
        token: await sign({ ...base, iss: `https://sts.windows.net/${ENTRA_TENANT}/` }),
      },
      ...(await claimForgeries(sign, base, '0d2db716-b331-4d7b-aa37-7f1ac9d35ae6')),
    ],
    shortLived: (seconds) => jwks.sign({ ...base, exp: now() + seconds }),
  };
}
