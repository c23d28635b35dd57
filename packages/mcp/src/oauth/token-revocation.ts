import { selectClientAuthMethod } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed } from '@modelcontextprotocol/sdk/shared/auth.js';

/** The parts of authorization-server metadata revocation needs. */
export interface RevocationMetadata {
  readonly revocation_endpoint?: string;
  readonly revocation_endpoint_auth_methods_supported?: readonly string[];
  readonly token_endpoint_auth_methods_supported?: readonly string[];
}

/**
 * Revokes one token (RFC 7009) with the client's authentication, chosen the way the SDK
 * chooses it for the token endpoint. The SDK has no revocation call; this is the request
 * RFC 7009 describes. True when the server answered 200 (which it also does for a token it
 * no longer knows); false when it has no endpoint or refused.
 */
export async function revokeToken(
  metadata: RevocationMetadata | undefined,
  client: OAuthClientInformationMixed,
  token: { value: string; hint: 'refresh_token' | 'access_token' },
  fetchFn: typeof fetch = fetch,
): Promise<boolean> {
  const endpoint = metadata?.revocation_endpoint;
  if (!endpoint) return false;
  const method = selectClientAuthMethod(client, [
    ...(metadata.revocation_endpoint_auth_methods_supported ??
      metadata.token_endpoint_auth_methods_supported ??
      []),
  ]);
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
  const body = new URLSearchParams({ token: token.value, token_type_hint: token.hint });
  if (method === 'client_secret_basic' && client.client_secret) {
    const id = encodeURIComponent(client.client_id);
    const secret = encodeURIComponent(client.client_secret);
    headers.set('authorization', `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`);
  } else {
    body.set('client_id', client.client_id);
    if (method === 'client_secret_post' && client.client_secret)
      body.set('client_secret', client.client_secret);
  }
  const response = await fetchFn(endpoint, { method: 'POST', headers, body });
  await response.body?.cancel();
  return response.ok;
}
