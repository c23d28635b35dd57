import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface OriginPolicyOptions {
  /** Browser origins allowed to call the API (ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** Extra names accepted in Host (ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[];
}

export type OriginVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 403 | 421; readonly reason: string };

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Who may call /trpc (HTTP and the WebSocket upgrade). `Host` must name this API: loopback,
 * a host of ALLOWED_ORIGINS or one of ALLOWED_HOSTS, so a page on a rebound DNS name
 * (evil.example → 127.0.0.1) is refused even on a same-origin request that carries no
 * Origin. `Origin`, when present, must be in ALLOWED_ORIGINS. A request without Origin is
 * not from a browser page (browsers send it on every cross-origin request and every
 * WebSocket), so the CLI, the typed client and services need none.
 */
export function createOriginPolicy(options: OriginPolicyOptions) {
  const origins = new Set(options.allowedOrigins);
  const hosts = new Set([
    ...LOOPBACK_NAMES,
    ...options.allowedOrigins.map((o) => hostnameOf(new URL(o).host) ?? ''),
    ...options.allowedHosts.map((h) => hostnameOf(h) ?? h.toLowerCase()),
  ]);
  return {
    check(headers: IncomingHttpHeaders): OriginVerdict {
      const host = headers.host === undefined ? undefined : hostnameOf(headers.host);
      if (host === undefined || !hosts.has(host))
        return { ok: false, status: 421, reason: 'This host name is not served here' };
      const origin = headers.origin;
      if (origin !== undefined && !origins.has(origin))
        return { ok: false, status: 403, reason: 'This origin may not call the API' };
      return { ok: true };
    },
  };
}

export type OriginPolicy = ReturnType<typeof createOriginPolicy>;
