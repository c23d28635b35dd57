import { z } from 'zod';

/** A 32-byte key, base64 (standard or url-safe); absent: see `resolveMcpTokenKey`. */
const tokenKey = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .refine(
    (v) => v === undefined || Buffer.from(v, 'base64').length === 32,
    'expected 32 bytes in base64 (e.g. `openssl rand -base64 32`)',
  );

const origin = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v.replace(/\/+$/, '')))
  .pipe(z.url({ error: 'expected a URL' }).optional());
const originOr = (fallback: string) => origin.transform((v) => v ?? fallback);

/** Settings of per-user OAuth for MCP servers whose `auth` is `oauth` (docs/mcp.md). */
export const oauthEnvShape = {
  /** AES-256-GCM key for users' MCP tokens at rest. */
  MCP_TOKEN_KEY: tokenKey,
  /**
   * The API's public origin: the OAuth redirect URI is `${PUBLIC_API_URL}/oauth/callback`.
   * Unset: `http://localhost:${PORT}` (so `http://localhost:3000`), or with `PORT=0` the
   * address the server got (see `publicApiUrlOf`).
   */
  PUBLIC_API_URL: origin,
  /** Where the OAuth callback sends the browser afterwards (`/connections` there). */
  WEB_APP_URL: originOr('http://localhost:4173'),
};

/**
 * A fixed key for dev mode only, so a laptop works without setup (tokens it seals are as
 * good as plaintext to anyone with this source: never use it with real accounts).
 */
const DEV_TOKEN_KEY = Buffer.from('salescoach-dev-mcp-token-key-32b', 'utf8');

export interface ResolvedTokenKey {
  readonly key: Buffer;
  /** Said at start-up when the dev key is used. */
  readonly warning?: string;
}

/**
 * The key users' MCP tokens are sealed with: `MCP_TOKEN_KEY`; without it, in dev mode a fixed
 * dev key (with a warning), in entra mode a start-up error when any server uses `oauth`.
 */
export function resolveMcpTokenKey(options: {
  readonly key: string | undefined;
  readonly authMode: 'dev' | 'entra';
  readonly oauthServers: readonly string[];
}): ResolvedTokenKey {
  if (options.key !== undefined) return { key: Buffer.from(options.key, 'base64') };
  if (options.authMode === 'entra' && options.oauthServers.length > 0)
    throw new Error(
      `MCP_TOKEN_KEY is required when AUTH_MODE=entra and MCP servers use auth "oauth" (${options.oauthServers.join(', ')}): 32 bytes, base64`,
    );
  return {
    key: DEV_TOKEN_KEY,
    ...(options.oauthServers.length > 0
      ? {
          warning:
            'MCP_TOKEN_KEY is not set: users\u2019 MCP tokens are sealed with the fixed dev key (set MCP_TOKEN_KEY outside local development)',
        }
      : {}),
  };
}

/** `PUBLIC_API_URL`, or its default once the server listens at `listening` (e.g. `http://127.0.0.1:41234`). */
export function publicApiUrlOf(
  settings: { readonly PUBLIC_API_URL?: string | undefined; readonly PORT: number },
  listening: string,
): string {
  if (settings.PUBLIC_API_URL !== undefined) return settings.PUBLIC_API_URL;
  return settings.PORT === 0 ? listening : `http://localhost:${settings.PORT}`;
}
