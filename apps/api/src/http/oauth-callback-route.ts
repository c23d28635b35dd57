import type { CompletedConnection, McpConnections } from '@salescoach/domain';
import type { Express } from 'express';

const MAX_PARAM_CHARS = 4_096;
const param = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_PARAM_CHARS
    ? value
    : undefined;

/**
 * `GET /oauth/callback?code&state` (or `?error&state`): where an `oauth` MCP server's
 * authorization server sends the browser back. It finishes the connection (the state is
 * single-use and names the user who started it) and sends the browser on to the SPA:
 * `${WEB_APP_URL}/connections?connected=<server>`, or `?error=<short message>&server=<server>`.
 * The code and state are never logged, and the page is not cached or sent on as a referrer.
 */
export function mountOAuthCallback(
  app: Express,
  deps: { readonly connections: McpConnections; readonly webAppUrl: string },
): void {
  app.get('/oauth/callback', async (req, res) => {
    const result: CompletedConnection = await deps.connections
      .complete({
        code: param(req.query.code),
        state: param(req.query.state),
        error: param(req.query.error),
      })
      .catch(() => ({ ok: false, error: 'The connection did not finish' }));
    const target = new URL('/connections', deps.webAppUrl);
    if (result.ok) target.searchParams.set('connected', result.server);
    else {
      target.searchParams.set('error', result.error);
      if (result.server) target.searchParams.set('server', result.server);
    }
    res
      .set('cache-control', 'no-store')
      .set('referrer-policy', 'no-referrer')
      .redirect(303, target.href);
  });
}
