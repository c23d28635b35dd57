import { execFileSync } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJwksServer, type JwksServer } from '../testing/jwks-server.js';
import { certificateCredential, createEntraOboProvider, defaultScopeOf } from './entra-obo.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CRM_SCOPE = 'api://crm-app/access_as_user';

/** A local stand-in for the tenant's token endpoint: records each request as it came on the wire. */
let authority: Server;
let base: string;
let keys: JwksServer;
const requests: URLSearchParams[] = [];
let refuseNext = false;

beforeAll(async () => {
  keys = await startJwksServer();
  authority = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const form = new URLSearchParams(body);
      requests.push(form);
      if (refuseNext) {
        refuseNext = false;
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: 'invalid_grant',
            error_description: `AADSTS50013: Assertion failed signature validation. ${form.get('assertion')}`,
            error_codes: [50013],
          }),
        );
        return;
      }
      const scope = form.get('scope') ?? '';
      const access_token = await keys.sign({ aud: 'api://crm-app', scp: 'access_as_user' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          token_type: 'Bearer',
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token,
          scope,
        }),
      );
    });
  });
  await new Promise<void>((r) => authority.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(authority.address() as AddressInfo).port}/${TENANT}`;
});
afterAll(async () => {
  authority.closeAllConnections();
  await new Promise<void>((r) => authority.close(() => r()));
  await keys.close();
});

/** msal-node with the tenant's metadata given locally, so its token endpoint is the local one. */
const localMetadata = () => ({
  authorityMetadata: JSON.stringify({
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    jwks_uri: keys.url,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
  }),
  cloudDiscoveryMetadata: JSON.stringify({
    tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      {
        preferred_network: 'login.microsoftonline.com',
        preferred_cache: 'login.windows.net',
        aliases: ['login.microsoftonline.com'],
      },
    ],
  }),
});

const withSecret = () =>
  createEntraOboProvider({
    tenantId: TENANT,
    clientId: 'api-app-id',
    clientSecret: 'api-secret',
    ...localMetadata(),
  });

describe('Entra On-Behalf-Of through msal-node', () => {
  it('sends the OBO grant with the user assertion, scope and client secret, and returns the token', async () => {
    const provider = withSecret();
    const userToken = await keys.sign({ aud: 'api://salescoach', sub: 'user-1', oid: 'o1' });
    requests.length = 0;
    const token = await provider.onBehalfOf(userToken, {
      resource: 'api://crm-app',
      scope: CRM_SCOPE,
    });
    const [wire] = requests;
    expect(wire?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(wire?.get('requested_token_use')).toBe('on_behalf_of');
    expect(wire?.get('assertion')).toBe(userToken);
    expect(wire?.get('client_id')).toBe('api-app-id');
    expect(wire?.get('client_secret')).toBe('api-secret');
    expect(wire?.get('scope')?.split(' ')).toContain(CRM_SCOPE);
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('gets the API its own token by client credentials with the .default scope', async () => {
    const provider = withSecret();
    requests.length = 0;
    await provider.forService({ resource: 'api://crm-app', scope: CRM_SCOPE });
    expect(requests[0]?.get('grant_type')).toBe('client_credentials');
    expect(requests[0]?.get('scope')?.split(' ')).toContain('api://crm-app/.default');
  });

  it('authenticates with a certificate: a client assertion signed by its key, with its thumbprint', async () => {
    const pem = execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=salescoach-test',
        '-days',
        '1',
        '-keyout',
        '-',
        '-out',
        '-',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const provider = createEntraOboProvider({
      tenantId: TENANT,
      clientId: 'api-app-id',
      certificatePem: pem,
      ...localMetadata(),
    });
    requests.length = 0;
    await provider.onBehalfOf(await keys.sign({ sub: 'u2' }), {
      resource: 'api://crm-app',
      scope: CRM_SCOPE,
    });
    const wire = requests[0]!;
    expect(wire.get('client_secret')).toBeNull();
    expect(wire.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const assertion = wire.get('client_assertion')!;
    const cert = new X509Certificate(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0],
    );
    await expect(
      compactVerify(
        assertion,
        createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })),
      ),
    ).resolves.toBeTruthy();
    const thumbprint = Buffer.from(certificateCredential(pem).thumbprintSha256, 'hex').toString(
      'base64url',
    );
    expect(decodeProtectedHeader(assertion)['x5t#S256']).toBe(thumbprint);
  });

  it('turns a refusal into a safe message that carries neither the assertion nor the description', async () => {
    const provider = withSecret();
    const userToken = await keys.sign({ sub: 'u3' });
    refuseNext = true;
    const error = (await provider
      .onBehalfOf(userToken, { resource: 'api://crm-app', scope: CRM_SCOPE })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as Error;
    expect(error.name).toBe('DelegationError');
    expect(error.message).toBe(
      'Microsoft Entra ID refused the On-Behalf-Of exchange (invalid_grant)',
    );
    expect(error.message).not.toContain(userToken);
  });

  it('needs a secret or a certificate, and derives the .default scope', () => {
    expect(() => createEntraOboProvider({ tenantId: TENANT, clientId: 'x' })).toThrow(
      /secret or a certificate/,
    );
    expect(defaultScopeOf({ resource: 'api://crm-app', scope: CRM_SCOPE })).toBe(
      'api://crm-app/.default',
    );
    expect(defaultScopeOf({ resource: 'https://crm.example/mcp' })).toBe(
      'https://crm.example/mcp/.default',
    );
  });
});
