import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '@salescoach/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { createEntraVerifier } from './entra-verifier.js';
import type { TokenVerifier } from './token-verifier.js';
import { entraClaims, startJwksServer, type JwksServer } from './testing/jwks-server.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const AUDIENCE = 'api://salescoach-test';

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

describe('Entra ID verifier', () => {
  let jwks: JwksServer;
  let verifier: TokenVerifier;
  const claims = (overrides: Record<string, unknown> = {}) => ({
    ...entraClaims({
      tenantId: TENANT,
      audience: AUDIENCE,
      oid: 'a1b2c3',
      roles: ['Manager'],
      name: 'Dana Scott',
    }),
    ...overrides,
  });

  beforeAll(async () => {
    jwks = await startJwksServer();
    verifier = createEntraVerifier({ tenantId: TENANT, audience: AUDIENCE, jwksUri: jwks.url });
  });
  afterAll(async () => {
    await jwks.close();
  });

  it('verifies a valid token to a user keyed on tenant and object id', async () => {
    const token = await jwks.sign(claims({ email: 'dana@contoso.example' }));
    const identity = await verifier.verify(token);
    expect(identity.user).toEqual({
      id: `${TENANT}:a1b2c3`,
      tenantId: TENANT,
      name: 'Dana Scott',
      email: 'dana@contoso.example',
      roles: ['Manager'],
    });
    expect(identity.expiresAt).toBeGreaterThan(Date.now());
    expect(jwks.requestCount()).toBeGreaterThanOrEqual(1);
  });

  it('tells an app-only token (idtyp app, or the Service role) from a person', async () => {
    expect((await verifier.verify(await jwks.sign(claims({})))).kind).toBe('user');
    const app = await verifier.verify(await jwks.sign(claims({ idtyp: 'app' })));
    expect(app.kind).toBe('service');
    const role = await verifier.verify(await jwks.sign(claims({ roles: ['Service'] })));
    expect(role.kind).toBe('service');
  });

  it('takes the email from preferred_username when there is no email claim', async () => {
    const { user } = await verifier.verify(
      await jwks.sign(claims({ preferred_username: 'dana@contoso.example' })),
    );
    expect(user.email).toBe('dana@contoso.example');
  });

  it('refuses alg none', async () => {
    const error = await refusal(verifier.verify(await jwks.sign(claims(), { alg: 'none' })));
    expect(error.code).toBe('invalid');
  });

  it('refuses HS256 signed with the public key material (algorithm confusion)', async () => {
    const error = await refusal(verifier.verify(await jwks.sign(claims(), { alg: 'HS256' })));
    expect(error.code).toBe('invalid');
    expect(error.reason).toBe('alg');
  });

  it('refuses another RSA algorithm even with the right key', async () => {
    const error = await refusal(verifier.verify(await jwks.sign(claims(), { alg: 'PS256' })));
    expect(error.reason).toBe('alg');
  });

  it('refuses an unknown kid and a forgery under the served kid', async () => {
    expect(
      (await refusal(verifier.verify(await jwks.sign(claims(), { kid: randomUUID() })))).reason,
    ).toBe('kid');
    expect(
      (await refusal(verifier.verify(await jwks.sign(claims(), { foreignKey: true })))).reason,
    ).toBe('signature');
  });

  it('refuses a tampered payload', async () => {
    const token = await jwks.sign(claims());
    const forged = tamper(token, (c) => {
      c.roles = ['Admin'];
    });
    expect((await refusal(verifier.verify(forged))).reason).toBe('signature');
  });

  it('refuses an expired token beyond the skew and accepts one within it', async () => {
    await expect(
      verifier.verify(await jwks.sign(claims(), { expiresIn: '-20s' })),
    ).resolves.toBeDefined();
    const error = await refusal(verifier.verify(await jwks.sign(claims(), { expiresIn: '-5m' })));
    expect(error.code).toBe('expired');
  });

  it('refuses a token that is not yet valid', async () => {
    const error = await refusal(
      verifier.verify(await jwks.sign(claims(), { notBefore: '10m', expiresIn: '1h' })),
    );
    expect(error.reason).toBe('claim:nbf');
  });

  it('refuses the wrong issuer, including the v1 issuer of the same tenant', async () => {
    for (const iss of [
      'https://login.microsoftonline.com/common/v2.0',
      `https://sts.windows.net/${TENANT}/`,
    ]) {
      expect((await refusal(verifier.verify(await jwks.sign(claims({ iss }))))).reason).toBe(
        'claim:iss',
      );
    }
  });

  it('refuses the wrong audience', async () => {
    for (const aud of ['api://another-app', ['api://another-app']]) {
      expect((await refusal(verifier.verify(await jwks.sign(claims({ aud }))))).reason).toBe(
        'claim:aud',
      );
    }
  });

  it('refuses a token from another tenant even when the issuer names ours', async () => {
    const other = '0d2db716-b331-4d7b-aa37-7f1ac9d35ae6';
    const error = await refusal(verifier.verify(await jwks.sign(claims({ tid: other }))));
    expect(error.reason).toBe('claim:tid');
  });

  it('refuses missing or empty roles, and a missing object id', async () => {
    const noRoles = claims();
    delete (noRoles as Record<string, unknown>).roles;
    expect((await refusal(verifier.verify(await jwks.sign(noRoles)))).reason).toBe('claim:roles');
    expect((await refusal(verifier.verify(await jwks.sign(claims({ roles: [] }))))).reason).toBe(
      'claim:roles',
    );
    const noOid = claims();
    delete (noOid as Record<string, unknown>).oid;
    expect((await refusal(verifier.verify(await jwks.sign(noOid)))).reason).toBe('claim:oid');
  });

  it('refuses malformed strings', async () => {
    expect((await refusal(verifier.verify(''))).code).toBe('missing');
    for (const token of ['abc', 'a.b', 'a.b.c', 'x.y.z.w', 'e30.e30.', '%%.%%.%%']) {
      expect((await refusal(verifier.verify(token))).code).toBe('malformed');
    }
  });

  it('reports unreachable signing keys as unavailable, not as a bad token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createEntraVerifier({
      tenantId: TENANT,
      audience: AUDIENCE,
      jwksUri: `http://127.0.0.1:${port}/keys`,
    });
    const error = await offline.verify(await jwks.sign(claims())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNAVAILABLE');
  });

  it('accepts the tenant id in any case and refuses a tenant that is not a GUID', async () => {
    const upper = createEntraVerifier({
      tenantId: TENANT.toUpperCase(),
      audience: AUDIENCE,
      jwksUri: jwks.url,
    });
    await expect(upper.verify(await jwks.sign(claims()))).resolves.toMatchObject({
      user: { tenantId: TENANT },
    });
    expect(() =>
      createEntraVerifier({ tenantId: 'contoso.onmicrosoft.com', audience: AUDIENCE }),
    ).toThrow(TypeError);
  });

  it('does not accept a clock tolerance above 60 seconds', () => {
    expect(() =>
      createEntraVerifier({
        tenantId: TENANT,
        audience: AUDIENCE,
        jwksUri: jwks.url,
        clockToleranceSeconds: 300,
      }),
    ).toThrow(RangeError);
  });
});
