import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, type DevIssuer } from './dev-issuer.js';
import { DEV_SIGNING_KEY_FILE } from './dev-signing-key.js';
import { DEV_USERS } from './dev-users.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('dev issuer', () => {
  let dir: string;
  let clock = T0;
  let issuer: DevIssuer;
  let signingKey: CryptoKey;
  let kid: string;

  const claimsFor = (overrides: Record<string, unknown> = {}) => ({
    sub: 'alex',
    oid: 'alex',
    tid: 'dev',
    name: 'Alex Rivera',
    email: 'alex@salescoach.dev',
    roles: ['Sales'],
    ...overrides,
  });

  /** Signs with the issuer's own private key (as someone holding the key file could), varying one rule. */
  async function signWithDevKey(
    claims: Record<string, unknown>,
    opts: { iss?: string; aud?: string; alg?: string } = {},
  ): Promise<string> {
    const seconds = Math.floor(clock / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: opts.alg ?? 'ES256', kid })
      .setIssuer(opts.iss ?? DEV_ISSUER)
      .setAudience(opts.aud ?? DEV_AUDIENCE)
      .setIssuedAt(seconds)
      .setNotBefore(seconds)
      .setExpirationTime(seconds + 600)
      .sign(signingKey);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sc-auth-'));
    issuer = await createDevIssuer({ dataDir: dir, now: () => clock });
    const stored = JSON.parse(await readFile(join(dir, DEV_SIGNING_KEY_FILE), 'utf8')) as {
      kid: string;
      jwk: JWK;
    };
    kid = stored.kid;
    signingKey = (await importJWK(stored.jwk, 'ES256')) as CryptoKey;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const reset = () => {
    clock = T0;
  };

  it('issues a token that verifies to the dev user, keyed dev:<key>', async () => {
    reset();
    const { token, expiresAt } = await issuer.issue('alex');
    expect(expiresAt).toBe(T0 + 3600_000);
    const identity = await issuer.verifier.verify(token);
    expect(identity).toEqual({
      user: {
        id: 'dev:alex',
        tenantId: 'dev',
        name: 'Alex Rivera',
        email: 'alex@salescoach.dev',
        roles: ['Sales'],
      },
      expiresAt: T0 + 3600_000,
      kind: 'user',
    });
  });

  it('issues tokens for every dev user with their roles', async () => {
    reset();
    for (const user of Object.values(DEV_USERS)) {
      const { token } = await issuer.issue(user.key);
      const { user: verified } = await issuer.verifier.verify(token);
      expect(verified.id).toBe(`dev:${user.key}`);
      expect(verified.roles).toEqual(user.roles);
      expect(verified.name).toBe(user.name);
    }
  });

  it('refuses to issue for an unknown user', async () => {
    const unknown = await refusal(issuer.issue('mallory'));
    expect(unknown.code).toBe('invalid');
    expect(unknown.message).toBe('Unknown dev user');
    expect((await refusal(issuer.issue('__proto__'))).code).toBe('invalid');
  });

  it('publishes only the public key', () => {
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('refuses alg none', async () => {
    reset();
    const seconds = Math.floor(clock / 1000);
    const token = new UnsecuredJWT(claimsFor())
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(seconds)
      .setNotBefore(seconds)
      .setExpirationTime(seconds + 600)
      .encode();
    expect((await refusal(issuer.verifier.verify(token))).code).toBe('invalid');
  });

  it('refuses HS256 signed with the public key material', async () => {
    reset();
    const jwk = issuer.jwks().keys[0]!;
    const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const seconds = Math.floor(clock / 1000);
    for (const secret of [String(pem), JSON.stringify(jwk)]) {
      const token = await new SignJWT(claimsFor())
        .setProtectedHeader({ alg: 'HS256', kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(seconds)
        .setNotBefore(seconds)
        .setExpirationTime(seconds + 600)
        .sign(new TextEncoder().encode(secret));
      const error = await refusal(issuer.verifier.verify(token));
      expect(error.code).toBe('invalid');
    }
  });

  it('refuses an unknown kid and a foreign key under the right kid', async () => {
    reset();
    const other = await generateKeyPair('ES256');
    const seconds = Math.floor(clock / 1000);
    const build = (k: string) =>
      new SignJWT(claimsFor())
        .setProtectedHeader({ alg: 'ES256', kid: k })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(seconds)
        .setNotBefore(seconds)
        .setExpirationTime(seconds + 600)
        .sign(other.privateKey);
    expect((await refusal(issuer.verifier.verify(await build('someone-else')))).reason).toBe('kid');
    expect((await refusal(issuer.verifier.verify(await build(kid)))).reason).toBe('signature');
  });

  it('refuses a tampered payload', async () => {
    reset();
    const { token } = await issuer.issue('alex');
    const forged = tamper(token, (claims) => {
      claims.roles = ['Admin'];
    });
    const error = await refusal(issuer.verifier.verify(forged));
    expect(error.code).toBe('invalid');
    expect(error.reason).toBe('signature');
  });

  it('refuses an expired token beyond the clock tolerance, accepts within it', async () => {
    reset();
    const { token } = await issuer.issue('sam');
    clock = T0 + 3600_000 + 10_000;
    await expect(issuer.verifier.verify(token)).resolves.toMatchObject({ user: { id: 'dev:sam' } });
    clock = T0 + 3600_000 + 120_000;
    expect((await refusal(issuer.verifier.verify(token))).code).toBe('expired');
    reset();
  });

  it('refuses a token that is not yet valid', async () => {
    reset();
    const { token } = await issuer.issue('sam');
    clock = T0 - 5 * 60_000;
    const error = await refusal(issuer.verifier.verify(token));
    expect(error.code).toBe('invalid');
    expect(error.reason).toBe('claim:nbf');
    reset();
  });

  it('refuses the wrong issuer and the wrong audience', async () => {
    reset();
    const wrongIss = await signWithDevKey(claimsFor(), { iss: 'https://evil.example' });
    expect((await refusal(issuer.verifier.verify(wrongIss))).reason).toBe('claim:iss');
    const wrongAud = await signWithDevKey(claimsFor(), { aud: 'another-api' });
    expect((await refusal(issuer.verifier.verify(wrongAud))).reason).toBe('claim:aud');
  });

  it('refuses missing, empty or non-string roles, and a foreign tenant', async () => {
    reset();
    const noRoles = claimsFor();
    delete (noRoles as Record<string, unknown>).roles;
    for (const claims of [
      noRoles,
      claimsFor({ roles: [] }),
      claimsFor({ roles: 'Admin' }),
      claimsFor({ roles: [1] }),
    ]) {
      const error = await refusal(issuer.verifier.verify(await signWithDevKey(claims)));
      expect(error.code).toBe('invalid');
      expect(error.reason).toBe('claim:roles');
    }
    const foreignTenant = await signWithDevKey(claimsFor({ tid: 'contoso' }));
    expect((await refusal(issuer.verifier.verify(foreignTenant))).reason).toBe('claim:tid');
  });

  it('refuses malformed strings with a safe message', async () => {
    for (const token of ['', '   ']) {
      expect((await refusal(issuer.verifier.verify(token))).code).toBe('missing');
    }
    const { token: good } = await issuer.issue('alex');
    for (const token of [
      'abc',
      'a.b',
      'a.b.c.d',
      'Bearer x.y.z',
      '€.x.y',
      'eyJ.eyJ.sig',
      `${good}x`.replace('.', '..'),
    ]) {
      const error = await refusal(issuer.verifier.verify(token));
      expect(['malformed', 'invalid']).toContain(error.code);
      expect(['The access token is malformed', 'The access token was rejected']).toContain(
        error.message,
      );
    }
    expect((await refusal(issuer.verifier.verify('a.b.c'))).code).toBe('malformed');
    expect((await refusal(issuer.verifier.verify(`${'a'.repeat(20_000)}.b.c`))).code).toBe(
      'malformed',
    );
  });

  it('refuses a dev token signed with another data dir key', async () => {
    reset();
    const otherDir = await mkdtemp(join(tmpdir(), 'sc-auth-other-'));
    try {
      const other = await createDevIssuer({ dataDir: otherDir, now: () => clock });
      const { token } = await other.issue('admin');
      await expect(other.verifier.verify(token)).resolves.toMatchObject({
        user: { id: 'dev:admin' },
      });
      const error = await refusal(issuer.verifier.verify(token));
      expect(error.code).toBe('invalid');
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('keeps the key across re-creation, in a 0600 file', async () => {
    reset();
    const { token } = await issuer.issue('morgan');
    const again = await createDevIssuer({ dataDir: dir, now: () => clock });
    expect(again.jwks()).toEqual(issuer.jwks());
    await expect(again.verifier.verify(token)).resolves.toMatchObject({
      user: { id: 'dev:morgan', roles: ['Manager'] },
    });
    const info = await stat(join(dir, DEV_SIGNING_KEY_FILE));
    expect(info.mode & 0o777).toBe(0o600);
  });

  it('creates one key when several issuers start together', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'sc-auth-race-'));
    try {
      const issuers = await Promise.all(
        Array.from({ length: 5 }, () => createDevIssuer({ dataDir: join(fresh, 'd') })),
      );
      const kids = new Set(issuers.map((i) => i.jwks().keys[0]!.kid));
      expect(kids.size).toBe(1);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('honours ttlSeconds', async () => {
    const short = await createDevIssuer({ dataDir: dir, ttlSeconds: 60, now: () => T0 });
    expect((await short.issue('riley')).expiresAt).toBe(T0 + 60_000);
    await expect(createDevIssuer({ dataDir: dir, ttlSeconds: 0 })).rejects.toThrow(RangeError);
  });
});
