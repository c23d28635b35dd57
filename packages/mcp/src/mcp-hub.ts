import {
  type McpServerConfig,
  oauthSettingsOf,
  oboTargetOf,
  resolveBearerSecret,
} from '@salescoach/config';
import {
  connectServerMessage,
  type McpConnections,
  needsApproval,
  resolveApprovalPolicy,
  type Logger,
  type ServerDescriptor,
  type ServerHealth,
  silentLogger,
  type ToolCallContext,
  type ToolCallOutcome,
  type ToolDescriptor,
  type ToolHub,
  type ToolOffer,
} from '@salescoach/domain';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { capResult, DEFAULT_MAX_RESULT_CHARS } from './call-result.js';
import { routeCall } from './call-route.js';
import type { DelegatedTokens } from './delegated-tokens.js';
import { checkJsonSchema } from './json-schema-check.js';
import type { McpOAuth } from './oauth/mcp-oauth.js';
import { noConnections } from './oauth/no-connections.js';
import { oauthTools } from './oauth/oauth-tools.js';
import { UserConnections } from './oauth/user-connections.js';
import type { ExposedTool } from './exposed-tool.js';
import { ServerConnection } from './server-connection.js';
import { exposedToolName } from './tool-naming.js';
import type { SecretResolver } from './transport-factory.js';

export interface McpHubOptions {
  readonly servers: readonly McpServerConfig[];
  readonly logger?: Logger;
  /** Reads `{ bearerEnv }` secrets; defaults to the config package's resolver. */
  readonly resolveSecret?: SecretResolver;
  readonly reconnect?: BackoffOptions;
  /** Cap on a result's text (and structured content JSON) size; default 20,000 characters. */
  readonly maxResultChars?: number;
  /** Tokens for `obo` servers; required when the file has one. */
  readonly delegatedTokens?: DelegatedTokens;
  /** Users' tokens for `oauth` servers; required when the file has one. */
  readonly oauth?: McpOAuth;
  /** An `oauth` server's connection for one user closes after this long unused (default 10 min). */
  readonly oauthIdleMs?: number;
}

export interface McpHub extends ToolHub {
  /** Connects every server in parallel in the background. Never blocks, never throws. */
  start(): void;
  /** Re-lists one server's tools (or all), reconnecting a server that is down. */
  refresh(name?: string): Promise<void>;
  close(): Promise<void>;
  /** Resolves once every server has had its first connection attempt (after `start`). */
  ready(): Promise<void>;
  /** Users' connections to `oauth` servers (a disconnect also closes the user's connection). */
  readonly connections: McpConnections;
}

/** Builds the hub. Throws at once (a start-up error) when an `obo` or `oauth` server has no token source. */
export function createMcpHub(options: McpHubOptions): McpHub {
  const needsTokens = options.servers.filter((s) => oboTargetOf(s) !== undefined);
  if (needsTokens.length > 0 && !options.delegatedTokens)
    throw new Error(
      `MCP servers ${needsTokens.map((s) => s.name).join(', ')} use auth "obo", but no delegated token source is configured`,
    );
  const oauthConfigs = options.servers.filter((s) => oauthSettingsOf(s) !== undefined);
  const oauth = options.oauth;
  if (oauthConfigs.length > 0 && !oauth)
    throw new Error(
      `MCP servers ${oauthConfigs.map((s) => s.name).join(', ')} use auth "oauth", but no user token store is configured`,
    );
  const logger = (options.logger ?? silentLogger).child({ component: 'mcp-hub' });
  const maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
  let exposed = new Map<string, ExposedTool>();

  const rebuildIndex = (): void => {
    const next = new Map<string, ExposedTool>();
    const sources = [
      ...connections.map((connection) => ({
        config: connection.config,
        tools: connection.tools,
        connection,
      })),
      ...oauthConfigs.map((config) => ({
        config,
        tools: userConnections?.catalog(config.name) ?? [],
        connection: undefined,
      })),
    ];
    for (const { config, tools, connection } of sources) {
      const { name: server, description: serverDescription } = config;
      for (const tool of tools) {
        const name = exposedToolName(server, tool.name, new Set(next.keys()));
        const description = `[${server}: ${serverDescription}] ${tool.description ?? tool.title ?? tool.name}`;
        const annotations = tool.annotations;
        const descriptor: ToolDescriptor = {
          name,
          server,
          tool: tool.name,
          description,
          inputSchema: tool.inputSchema,
          ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
          ...(annotations ? { annotations } : {}),
          approval: resolveApprovalPolicy(config.tools?.[tool.name]?.approval, annotations),
        };
        next.set(name, { descriptor, config, ...(connection ? { connection } : {}) });
      }
    }
    exposed = next;
  };

  const resolveSecret = options.resolveSecret ?? resolveBearerSecret;
  const backoff = options.reconnect ?? DEFAULT_BACKOFF;
  const userConnections = oauth
    ? new UserConnections(oauthConfigs, {
        oauth,
        logger,
        resolveSecret,
        backoff,
        ...(options.oauthIdleMs === undefined ? {} : { idleMs: options.oauthIdleMs }),
        onToolsChanged: () => rebuildIndex(),
      })
    : undefined;
  const connections: ServerConnection[] = options.servers
    .filter((config) => oauthSettingsOf(config) === undefined)
    .map(
      (config) =>
        new ServerConnection(config, {
          logger,
          resolveSecret,
          ...(options.delegatedTokens ? { delegated: options.delegatedTokens } : {}),
          backoff,
          onToolsChanged: rebuildIndex,
        }),
    );

  const allows = (config: McpServerConfig, role: string): boolean => config.roles.includes(role);

  const refused = (
    server: string,
    tool: string,
    error: string,
    started: number,
  ): ToolCallOutcome => ({
    ok: false,
    refused: true,
    server,
    tool,
    text: '',
    error,
    durationMs: Math.round(performance.now() - started),
  });

  /** The asker's `elicit`, told which server asks (the form is checked by the domain). */
  const elicitorFor =
    (server: string, elicit: NonNullable<ToolCallContext['elicit']>) =>
    (params: { message: string; requestedSchema: unknown }) =>
      elicit({
        server,
        message: params.message,
        requestedSchema: params.requestedSchema,
      });

  async function call(
    name: string,
    args: unknown,
    context: ToolCallContext,
  ): Promise<ToolCallOutcome> {
    const started = performance.now();
    const entry = exposed.get(name) ?? (await oauthSide?.lookup(name, context));
    if (typeof entry === 'string')
      return refused(entry, name, connectServerMessage(entry), started);
    if (!entry) return refused('', name, `Unknown tool "${name}"`, started);
    const { config, descriptor } = entry;
    const { server, tool } = descriptor;
    if (!allows(config, context.role)) {
      logger.warn(
        { mcpServer: server, tool, role: context.role, userId: context.user.id },
        'MCP tool refused for role',
      );
      return refused(
        server,
        tool,
        `The ${server} tools are not available to the ${context.role} role`,
        started,
      );
    }
    if (needsApproval(descriptor.approval) && !context.approval) {
      logger.warn({ mcpServer: server, tool }, 'MCP tool refused without an approval');
      return refused(server, tool, `${name} runs only after an approval`, started);
    }
    const input = args ?? {};
    if (typeof input !== 'object' || Array.isArray(input))
      return refused(server, tool, `Arguments for ${name} must be an object`, started);
    const problems = checkJsonSchema(descriptor.inputSchema, input);
    if (problems.length > 0)
      return refused(
        server,
        tool,
        `Invalid arguments for ${name}: ${problems.join('; ')}`,
        started,
      );

    const route = await routeCall(entry, context, routeDeps);
    if ('error' in route) {
      const durationMs = Math.round(performance.now() - started);
      logger.warn({ mcpServer: server, tool, durationMs }, 'MCP credentials unavailable');
      return { ok: false, server, tool, text: '', durationMs, error: route.error };
    }
    const attempt = await route.connection.call(tool, input as Record<string, unknown>, {
      ...(route.token === undefined ? {} : { token: route.token }),
      signal: context.signal ?? new AbortController().signal,
      deadline: Date.now() + config.timeoutMs,
      ...(context.elicit ? { elicit: elicitorFor(server, context.elicit) } : {}),
    });
    const durationMs = Math.round(performance.now() - started);
    if (attempt.kind === 'failure') {
      logger.warn(
        { mcpServer: server, tool, durationMs, failure: attempt.failure },
        'MCP tool call failed',
      );
      // An `oauth` token whose refresh failed mid-call: the user has to connect again.
      const reconnect =
        !entry.connection && (await oauth?.status(context.user.id, server)) !== 'connected';
      const error = reconnect ? connectServerMessage(server) : attempt.message;
      return { ok: false, server, tool, text: '', durationMs, error };
    }
    const capped = capResult(attempt.result, maxResultChars);
    const ok = attempt.result.isError !== true;
    logger.info(
      {
        mcpServer: server,
        tool,
        durationMs,
        ok,
        resultChars: capped.text.length,
        truncated: capped.truncated,
      },
      'MCP tool called',
    );
    return {
      ok,
      server,
      tool,
      text: capped.text,
      durationMs,
      ...(capped.structuredContent === undefined
        ? {}
        : { structuredContent: capped.structuredContent }),
      ...(capped.truncated ? { truncated: true } : {}),
      ...(ok ? {} : { error: capped.text.slice(0, 500) || `${tool} failed` }),
    };
  }

  const toolsFor = (role: string): ToolDescriptor[] =>
    [...exposed.values()]
      .filter((e) => e.connection?.connected && allows(e.config, role))
      .map((e) => e.descriptor);
  const serversFor = (role: string): ServerDescriptor[] =>
    connections
      .filter((c) => c.connected && allows(c.config, role))
      .map((c) => ({ name: c.config.name, description: c.config.description }));

  const oauthSide =
    oauth && userConnections
      ? oauthTools({ configs: oauthConfigs, oauth, userConnections, exposed: () => exposed })
      : undefined;

  /** The role's offer plus the `oauth` servers this user connected. */
  async function offerFor(role: string, userId: string): Promise<ToolOffer> {
    const theirs = await oauthSide?.offer(role, userId);
    return {
      tools: [...toolsFor(role), ...(theirs?.tools ?? [])],
      servers: [...serversFor(role), ...(theirs?.servers ?? [])],
      unconnected: theirs?.unconnected ?? [],
    };
  }

  const routeDeps = {
    ...(options.delegatedTokens ? { delegatedTokens: options.delegatedTokens } : {}),
    ...(oauth ? { oauth } : {}),
    ...(userConnections ? { userConnections } : {}),
  };

  return {
    connections: !oauth
      ? noConnections
      : {
          list: (user) => oauth.list(user),
          connect: (user, server) => oauth.connect(user, server),
          complete: (redirect) => oauth.complete(redirect),
          disconnect: async (user, server) => {
            const result = await oauth.disconnect(user, server);
            await userConnections?.drop(server, user.id);
            return result;
          },
        },
    start: () => {
      for (const c of connections) void c.connect();
    },
    ready: async () => {
      await Promise.all(connections.map((c) => c.firstAttempt));
    },
    refresh: async (name) => {
      await Promise.all(
        connections
          .filter((c) => name === undefined || c.config.name === name)
          .map((c) => c.refresh()),
      );
    },
    close: async () => {
      await Promise.all([...connections.map((c) => c.close()), userConnections?.close()]);
      exposed = new Map();
    },
    toolsFor,
    serversFor,
    offerFor,
    call: async (name, args, context) => {
      try {
        return await call(name, args, context);
      } catch (error) {
        // Defensive: call() handles every expected failure; this keeps the port's "never throws" promise.
        logger.error(
          { tool: name, error: (error as Error).name },
          'MCP tool call failed unexpectedly',
        );
        return {
          ok: false,
          server: '',
          tool: name,
          text: '',
          durationMs: 0,
          error: 'The tool call failed unexpectedly',
        };
      }
    },
    status: (): ServerHealth[] => [
      ...connections.map((c) => ({
        name: c.config.name,
        transport: c.config.transport,
        connected: c.connected,
        toolCount: c.connected ? c.tools.length : 0,
        roles: c.config.roles,
        ...(c.lastError === undefined ? {} : { lastError: c.lastError }),
        ...(c.lastLatencyMs === undefined ? {} : { lastLatencyMs: c.lastLatencyMs }),
      })),
      // `oauth` servers: connected while some user has a connection open.
      ...oauthConfigs.map((config) => ({
        name: config.name,
        transport: config.transport,
        connected: (userConnections?.openCount(config.name) ?? 0) > 0,
        toolCount: userConnections?.catalog(config.name).length ?? 0,
        roles: config.roles,
      })),
    ],
  };
}
