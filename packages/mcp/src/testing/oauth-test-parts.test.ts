import {
  discoverOAuthServerInfo,
  exchangeAuthorization,
  refreshAuthorization,
  registerClient,
  startAuthorization,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OAuthAuthorizationServer,
  type OAuthProtectedMcpServer,
  startOAuthAuthorizationServer,
  startOAuthProtectedMcpServer,
} from './index.js';

const REDIRECT = 'http://127.0.0.1:9/oauth/callback';

describe('OAuth test parts: a real authorization server and a protected MCP server', () => {
  let as: OAuthAuthorizationServer;
  let mcp: OAuthProtectedMcpServer;
  let other: OAuthProtectedMcpServer;

  beforeAll(async () => {
    as = await startOAuthAuthorizationServer();
    mcp = await startOAuthProtectedMcpServer({ issuer: as.issuer });
    other = await startOAuthProtectedMcpServer({ issuer: as.issuer });
  });
  afterAll(async () => {
    await Promise.all([mcp?.close(), other?.close()]);
    await as?.close();
  });

  /** The whole code flow with the SDK's functions, for `resource`, signed in as `login`. */
  async function tokensFor(resource: string, login: string) {
    const info = await discoverOAuthServerInfo(resource);
    const metadata = info.authorizationServerMetadata;
    const client = await registerClient(info.authorizationServerUrl, {
      metadata,
      clientMetadata: {
        redirect_uris: [REDIRECT],
        client_name: 'test',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    });
    const { authorizationUrl, codeVerifier } = await startAuthorization(
      info.authorizationServerUrl,
      {
        metadata,
        clientInformation: client,
        redirectUrl: REDIRECT,
        scope: 'mcp:tools',
        state: 'the-state',
        resource: new URL(resource),
      },
    );
    const back = await as.authorize(authorizationUrl, { login });
    expect(back.searchParams.get('state')).toBe('the-state');
    const tokens = await exchangeAuthorization(info.authorizationServerUrl, {
      metadata,
      clientInformation: client,
      authorizationCode: back.searchParams.get('code') ?? '',
      codeVerifier,
      redirectUri: REDIRECT,
      resource: new URL(resource),
    });
    return { tokens, client, metadata, info };
  }

  async function whoami(token: string): Promise<string> {
    const client = new Client({ name: 't', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(mcp.url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      return (result.content as { text: string }[])[0]?.text ?? '';
    } finally {
      await client.close();
    }
  }

  it('publishes protected-resource metadata naming the issuer, and refuses a request without a token', async () => {
    const info = await discoverOAuthServerInfo(mcp.url);
    expect(info.authorizationServerUrl).toBe(as.issuer);
    expect(info.resourceMetadata?.resource).toBe(mcp.url);
    expect(info.authorizationServerMetadata?.code_challenge_methods_supported).toContain('S256');
    const response = await fetch(mcp.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('resource_metadata=');
  });

  it('signs in, consents, issues a JWT for the resource that the server accepts, refreshes and revokes', async () => {
    const { tokens, client, metadata, info } = await tokensFor(mcp.url, 'alex');
    expect(decodeJwt(tokens.access_token).aud).toBe(mcp.url);
    expect(tokens.refresh_token).toBeTruthy();
    expect(await whoami(tokens.access_token)).toBe('you are alex');

    const refreshed = await refreshAuthorization(info.authorizationServerUrl, {
      metadata,
      clientInformation: client,
      refreshToken: tokens.refresh_token ?? '',
      resource: new URL(mcp.url),
    });
    expect(decodeJwt(refreshed.access_token).jti).not.toBe(decodeJwt(tokens.access_token).jti);
    expect(await whoami(refreshed.access_token)).toBe('you are alex');

    const refreshToken = refreshed.refresh_token ?? tokens.refresh_token ?? '';
    expect(await as.isActive(refreshToken)).toBe(true);
    const revoked = await fetch(`${as.issuer}/token/revocation`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    expect(await as.isActive(refreshToken)).toBe(false);
  });

  it('refuses a token issued for another resource', async () => {
    const { tokens } = await tokensFor(other.url, 'sam');
    expect(decodeJwt(tokens.access_token).aud).toBe(other.url);
    await expect(whoami(tokens.access_token)).rejects.toThrow();
    expect(mcp.refusals).toContain('the token was not issued for this server');
  });

  it('a refused consent comes back as access_denied', async () => {
    const info = await discoverOAuthServerInfo(mcp.url);
    const client = await registerClient(info.authorizationServerUrl, {
      metadata: info.authorizationServerMetadata,
      clientMetadata: { redirect_uris: [REDIRECT], client_name: 'test' },
    });
    const { authorizationUrl } = await startAuthorization(info.authorizationServerUrl, {
      metadata: info.authorizationServerMetadata,
      clientInformation: client,
      redirectUrl: REDIRECT,
      scope: 'mcp:tools',
      resource: new URL(mcp.url),
    });
    const back = await as.authorize(authorizationUrl, { login: 'riley', consent: false });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });
});
