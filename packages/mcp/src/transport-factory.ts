import type { McpServerConfig } from '@salescoach/config';
import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { currentRequestToken } from './request-token.js';

export type SecretResolver = (envName: string) => string | undefined;

/**
 * The `Authorization` value for one outgoing request to `config`'s server: the current
 * call's user token for `user-token` servers, the named secret for `{ bearerEnv }`, none otherwise.
 */
export function authorizationFor(
  config: McpServerConfig,
  resolveSecret: SecretResolver,
): string | undefined {
  const { auth } = config;
  if (auth === 'none') return undefined;
  if (auth === 'user-token') {
    const token = currentRequestToken();
    return token ? `Bearer ${token}` : undefined;
  }
  const secret = resolveSecret(auth.bearerEnv);
  return secret ? `Bearer ${secret}` : undefined;
}

export interface CreatedTransport {
  readonly transport: Transport;
  /** For stdio servers: the child's stderr, drained by the caller. */
  readonly stderr?: NodeJS.ReadableStream | null;
}

export function createTransport(
  config: McpServerConfig,
  resolveSecret: SecretResolver,
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
  const authorizingFetch = (url: string | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const authorization = authorizationFor(config, resolveSecret);
    if (authorization) headers.set('authorization', authorization);
    else headers.delete('authorization');
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
