import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { closeMcpHttpServer, listenOnLoopback } from './loopback-http.js';

/**
 * A Streamable-HTTP MCP server that is an OAuth protected resource, for tests: it verifies
 * every bearer token with `jose` against the issuer's JWKS (RS256, `typ: at+jwt`, issuer,
 * audience = its own URL, expiry), publishes RFC 9728 protected-resource metadata at
 * `/.well-known/oauth-protected-resource/mcp`, and answers anything else with `401` and a
 * `WWW-Authenticate` header naming that metadata. An MCP session belongs to the subject
 * that opened it. Tools: `whoami` (the caller's subject) and `note` (a write: echoes back).
 */
export interface OAuthProtectedMcpServer {
  /** `http://127.0.0.1:<port>/mcp`: where MCP is served, and the resource (audience). */
  readonly url: string;
  /** Every tool call that got through: who made it and with which token. */
  readonly calls: readonly VerifiedCall[];
  /** Why each refused request was refused (`invalid_token` descriptions, or `no token`). */
  readonly refusals: readonly string[];
  /** From now on refuses the token with this `jti`, as a server that revoked it would. */
  revokeToken(tokenId: string): void;
  /**
   * `session` (subject, session id): an MCP session was opened; `stream-closed` (subject,
   * session id): a session's standing GET stream ended, as it does when its client closes.
   */
  readonly events: EventEmitter;
  close(): Promise<void>;
}

export interface VerifiedCall {
  readonly tool: string;
  readonly subject: string;
  readonly audience: string | string[] | undefined;
  /** The access token's `jti`: a refreshed token has a new one. */
  readonly tokenId: string | undefined;
  readonly scope: string | undefined;
}

export interface OAuthProtectedMcpServerOptions {
  /** The authorization server's issuer (its JWKS is found through its metadata). */
  readonly issuer: string;
  /** The scope the metadata advertises and every call needs (default `mcp:tools`). */
  readonly scope?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly mcp: McpServer;
  readonly subject: string;
}

export async function startOAuthProtectedMcpServer(
  options: OAuthProtectedMcpServerOptions,
): Promise<OAuthProtectedMcpServer> {
  const scope = options.scope ?? 'mcp:tools';
  const calls: VerifiedCall[] = [];
  const refusals: string[] = [];
  const revoked = new Set<string>();
  const sessions = new Map<string, Session>();
  const events = new EventEmitter();
  const http: Server = createServer();
  const origin = `http://127.0.0.1:${await listenOnLoopback(http)}`;
  const url = `${origin}/mcp`;
  const metadataUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;
  const metadata = {
    resource: url,
    authorization_servers: [options.issuer],
    scopes_supported: [scope],
    bearer_methods_supported: ['header'],
    resource_name: 'OAuth test MCP server',
  };
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const signingKeys = async (): Promise<ReturnType<typeof createRemoteJWKSet>> => {
    if (keys) return keys;
    const discovery = await fetch(`${options.issuer}/.well-known/openid-configuration`);
    const { jwks_uri } = (await discovery.json()) as { jwks_uri: string };
    keys = createRemoteJWKSet(new URL(jwks_uri));
    return keys;
  };

  const refuse = (res: ServerResponse, description: string): void => {
    refusals.push(description);
    res
      .writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer error="invalid_token", error_description="${description}", resource_metadata="${metadataUrl}"`,
      })
      .end(JSON.stringify({ error: 'invalid_token', error_description: description }));
  };

  const verify = async (req: IncomingMessage): Promise<JWTPayload | string> => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return 'no token';
    try {
      const { payload } = await jwtVerify(header.slice(7), await signingKeys(), {
        algorithms: ['RS256'],
        typ: 'at+jwt',
        issuer: options.issuer,
        audience: url,
        requiredClaims: ['exp', 'sub'],
      });
      if (typeof payload.jti === 'string' && revoked.has(payload.jti))
        return 'the token was revoked';
      const scopes = text(payload.scope).split(' ');
      return scopes.includes(scope) ? payload : `the token lacks the ${scope} scope`;
    } catch (error) {
      if (error instanceof errors.JWTExpired) return 'the token has expired';
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        return 'the token was not issued for this server';
      return 'the token was refused';
    }
  };

  const newSession = async (subject: string): Promise<StreamableHTTPServerTransport> => {
    const mcp = new McpServer({ name: 'oauth-test', version: '1.0.0' });
    const record = (tool: string, extra: { authInfo?: { extra?: Record<string, unknown> } }) => {
      const payload = extra.authInfo?.extra?.payload as JWTPayload;
      calls.push({
        tool,
        subject: String(payload.sub),
        audience: payload.aud,
        tokenId: payload.jti,
        scope: typeof payload.scope === 'string' ? payload.scope : undefined,
      });
      return String(payload.sub);
    };
    mcp.registerTool(
      'whoami',
      {
        description: 'Who the verified caller is',
        inputSchema: z.object({}).strict(),
        annotations: { readOnlyHint: true },
      },
      (_args, extra) => ({
        content: [{ type: 'text', text: `you are ${record('whoami', extra)}` }],
      }),
    );
    mcp.registerTool(
      'note',
      {
        description: 'Keeps a note (a write)',
        inputSchema: z.object({ text: z.string().max(100) }).strict(),
        annotations: { readOnlyHint: false, destructiveHint: false },
      },
      ({ text }, extra) => ({
        content: [{ type: 'text', text: `noted for ${record('note', extra)}: ${text}` }],
      }),
    );
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, mcp, subject });
        events.emit('session', subject, id);
      },
    });
    await mcp.connect(transport);
    return transport;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (req.method === 'GET' && path.startsWith('/.well-known/oauth-protected-resource')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      return;
    }
    if (path !== '/mcp') {
      res.writeHead(404).end();
      return;
    }
    const verified = await verify(req);
    if (typeof verified === 'string') return refuse(res, verified);
    const subject = String(verified.sub);
    (req as IncomingMessage & { auth?: unknown }).auth = {
      token: '',
      clientId: text(verified.client_id),
      scopes: text(verified.scope).split(' '),
      extra: { payload: verified },
    };
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing && existing.subject !== subject) return refuse(res, 'the session is not yours');
    if (existing && req.method === 'GET')
      res.once('close', () => events.emit('stream-closed', subject, sessionId));
    if (existing) return existing.transport.handleRequest(req, res);
    if (sessionId !== undefined || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    return (await newSession(subject)).handleRequest(req, res);
  };
  http.on('request', (req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });

  return {
    url,
    calls,
    refusals,
    revokeToken: (tokenId) => revoked.add(tokenId),
    events,
    close: () => closeMcpHttpServer(http, sessions),
  };
}

/**
 * The servers-file entry for such a server: `notes`, "Team notes", `auth: "oauth"` unless
 * `auth` is given, for the roles given (default Sales and Manager).
 */
export const oauthServerEntry = (
  url: string,
  options: { auth?: unknown; roles?: readonly string[] } = {},
) => ({
  name: 'notes',
  description: 'Team notes',
  transport: 'streamable-http' as const,
  url,
  roles: [...(options.roles ?? ['Sales', 'Manager'])],
  auth: options.auth ?? 'oauth',
  timeoutMs: 5_000,
});
