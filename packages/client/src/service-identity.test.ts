import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentialsTokenSource } from './service-identity.js';

/** A token endpoint over real HTTP that grants client credentials to one client only. */
const forms: URLSearchParams[] = [];
const server = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const form = new URLSearchParams(body);
    forms.push(form);
    const ok =
      form.get('grant_type') === 'client_credentials' &&
      form.get('client_id') === 'digest-app' &&
      form.get('client_secret') === 's3cret' &&
      form.get('scope') === 'api://salescoach/.default';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        ok
          ? { access_token: `token-${forms.length}`, token_type: 'Bearer', expires_in: 3600 }
          : { error: 'invalid_client' },
      ),
    );
  });
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('client credentials (the digest in entra mode)', () => {
  it('asks once with the app’s credentials and scope, then reuses the token until near its expiry', async () => {
    forms.length = 0;
    const token = clientCredentialsTokenSource({
      tokenEndpoint: endpoint,
      clientId: 'digest-app',
      clientSecret: 's3cret',
      scope: 'api://salescoach/.default',
    });
    expect(await token()).toBe('token-1');
    expect(await token()).toBe('token-1');
    expect(forms).toHaveLength(1);
  });

  it('says the endpoint refused, without the secret', async () => {
    const token = clientCredentialsTokenSource({
      tokenEndpoint: endpoint,
      clientId: 'digest-app',
      clientSecret: 'wrong',
      scope: 'api://salescoach/.default',
    });
    const failure = await token().catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'The token endpoint refused the client credentials (401, invalid_client)',
    );
  });
});
