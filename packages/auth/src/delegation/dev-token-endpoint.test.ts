import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, type DevIssuer } from '../dev-issuer.js';
import { createDevTokenEndpoint, type DevTokenEndpoint } from './dev-token-endpoint.js';
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from './token-exchange.js';

const CRM = 'http://127.0.0.1:3101/mcp';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const API = basic('salescoach-api', 'the-secret');

let dir: string;
let issuer: DevIssuer;
let endpoint: DevTokenEndpoint;
let clock = Date.UTC(2026, 10, 15, 12);

const exchange = (fields: Record<string, string>, authorization: string | null = API) =>
  endpoint.handle(
    new URLSearchParams({
      grant_type: TOKEN_EXCHANGE_GRANT,
      subject_token_type: ACCESS_TOKEN_TYPE,
      resource: CRM,
      ...fields,
    }),
    authorization ?? undefined,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sc-token-endpoint-'));
  issuer = await createDevIssuer({ dataDir: dir, now: () => clock });
  endpoint = createDevTokenEndpoint({
    issuer,
    clientId: 'salescoach-api',
    clientSecret: 'the-secret',
    resources: [CRM],
    now: () => clock,
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dev token endpoint (RFC 8693)', () => {
  it("exchanges a user's API token for one issued for the resource, acting for the user", async () => {
    const { token: subject } = await issuer.issue('alex');
    const answer = await exchange({ subject_token: subject, scope: 'crm.read' });
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(answer.body).toMatchObject({
      token_type: 'Bearer',
      issued_token_type: ACCESS_TOKEN_TYPE,
      expires_in: 900,
      scope: 'crm.read',
    });
    const token = answer.body.access_token as string;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      issuer: DEV_ISSUER,
      audience: CRM,
      algorithms: ['ES256'],
      currentDate: new Date(clock),
    });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(payload).toMatchObject({
      sub: 'dev:alex',
      email: 'alex@salescoach.dev',
      roles: ['Sales'],
      azp: 'salescoach-api',
      act: { sub: 'salescoach-api' },
      scope: 'crm.read',
    });
    // Not usable at the API: its audience is the CRM.
    await expect(issuer.verifier.verify(token)).rejects.toMatchObject({ reason: 'claim:aud' });
  });

  it("never outlives the user's own token", async () => {
    const { token: subject, expiresAt } = await issuer.issue('sam');
    clock += 3_500_000; // 100 s of the subject token left
    const answer = await exchange({ subject_token: subject });
    expect(answer.body.expires_in).toBe(100);
    expect((decodeJwt(answer.body.access_token as string).exp ?? 0) * 1000).toBe(expiresAt);
    clock -= 3_500_000;
  });

  it('gives the API its own token for a resource by client credentials, with no user', async () => {
    const answer = await endpoint.handle(
      new URLSearchParams({ grant_type: 'client_credentials', resource: CRM }),
      API,
    );
    expect(answer.status).toBe(200);
    const claims = decodeJwt(answer.body.access_token as string);
    expect(claims).toMatchObject({ sub: 'salescoach-api', aud: CRM });
    expect(claims.email).toBeUndefined();
  });

  it.each([
    ['no client authentication', {}, null, 401, 'invalid_client'],
    ['a wrong secret', {}, basic('salescoach-api', 'guess'), 401, 'invalid_client'],
    ['another client', {}, basic('someone', 'the-secret'), 401, 'invalid_client'],
    ['an unknown grant', { grant_type: 'password' }, API, 400, 'unsupported_grant_type'],
    [
      'a resource it does not issue for',
      { resource: 'https://evil.example/mcp' },
      API,
      400,
      'invalid_target',
    ],
    ["the API's own audience", { resource: DEV_AUDIENCE }, API, 400, 'invalid_target'],
    [
      'an id token type',
      { subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' },
      API,
      400,
      'invalid_request',
    ],
    [
      'a forged subject token',
      { subject_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGV4In0.' },
      API,
      400,
      'invalid_grant',
    ],
  ] as const)('refuses %s', async (_name, fields, authorization, status, error) => {
    const { token: subject } = await issuer.issue('alex');
    const answer = await exchange({ subject_token: subject, ...fields }, authorization);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(answer.body.access_token).toBeUndefined();
  });

  it('refuses an expired subject token', async () => {
    const { token: subject } = await issuer.issue('alex');
    clock += 3_700_000;
    const answer = await exchange({ subject_token: subject });
    clock -= 3_700_000;
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
