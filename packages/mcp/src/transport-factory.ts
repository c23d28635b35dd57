import { type McpServerConfig, oauthSettingsOf, oboTargetOf } from '@salescoach/config';
import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { DelegatedTokens } from './delegated-tokens.js';
import { currentRequestToken } from './request-token.js';

export type SecretResolver = (envName: string) => string | undefined;

export interface CredentialSources {
  readonly resolveSecret: SecretResolver;
  readonly delegated?: DelegatedTokens;
  /** `oauth` servers: the access token of the user this connection belongs to (`force`: refresh it first). */
  readonly oauthToken?: (options?: { force?: boolean }) => Promise<string>;
}

/**
 * The `Authorization` value for one outgoing request to `config`'s server. `obo`: the current
 * call's delegated token (issued for this server, carrying the user), or outside a call
 * (connecting, listing tools, health checks) the API's own token for this server.
 * `{ bearerEnv }`: the named secret. `oauth`: the token of the user whose connection this is
 * (a connection per user; refreshed before it expires). `none`: no header.
 */
export async function authorizationFor(
  config: McpServerConfig,
  sources: CredentialSources,
): Promise<string | undefined> {
  const { auth } = config;
  if (auth === 'none') return undefined;
  const target = oboTargetOf(config);
  if (target) {
    const token = currentRequestToken() ?? (await sources.delegated?.forService(target));
    return token ? `Bearer ${token}` : undefined;
  }
  if (oauthSettingsOf(config)) {
    const token = await sources.oauthToken?.();
    return token ? `Bearer ${token}` : undefined;
  }
  if (typeof auth === 'object' && 'bearerEnv' in auth) {
    const secret = sources.resolveSecret(auth.bearerEnv);
    return secret ? `Bearer ${secret}` : undefined;
  }
  return undefined;
}

export interface CreatedTransport {
  readonly transport: Transport;
  /** For stdio servers: the child's stderr, drained by the caller. */
  readonly stderr?: NodeJS.ReadableStream | null;
}

export function createTransport(
  config: McpServerConfig,
  sources: CredentialSources,
): CreatedTransport {
  if (config.transport === 'stdio') {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: { ...getDefaultEnvironment(), ...config.env },
      cwd: config.cwd,
      stderr: 'pipe',
    });
    return { transport, stderr: transport.stderr as NodeJS.ReadableStream | null };
  }
  // The header is set per request, never stored on the shared transport.
  const authorizingFetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const authorization = await authorizationFor(config, sources);
    if (authorization) headers.set('authorization', authorization);
    else headers.delete('authorization');
    const response = await fetch(url, { ...init, headers });
    // An `oauth` server refused the user's token before it expired (revoked, or clocks
    // disagree): refresh it and try once more. The SDK's requests have text bodies.
    const resendable = init?.body === undefined || typeof init.body === 'string';
    if (response.status !== 401 || !sources.oauthToken || !resendable) return response;
    await response.body?.cancel();
    headers.set('authorization', `Bearer ${await sources.oauthToken({ force: true })}`);
    return fetch(url, { ...init, headers });
  };
  const transport = new StreamableHTTPClientTransport(new URL(config.url), {
    fetch: authorizingFetch,
    reconnectionOptions: {
      initialReconnectionDelay: 250,
      maxReconnectionDelay: 5_000,
      reconnectionDelayGrowFactor: 2,
      maxRetries: 2,
    },
  });
  return { transport };
}
