import { type McpServerConfig, oboTargetOf, resolveBearerSecret } from '@salescoach/config';
import {
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
} from '@salescoach/domain';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { capResult, DEFAULT_MAX_RESULT_CHARS } from './call-result.js';
import { type DelegatedTokens, delegationFailureMessage } from './delegated-tokens.js';
import { checkJsonSchema } from './json-schema-check.js';
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
}

export interface McpHub extends ToolHub {
  /** Connects every server in parallel in the background. Never blocks, never throws. */
  start(): void;
  /** Re-lists one server's tools (or all), reconnecting a server that is down. */
  refresh(name?: string): Promise<void>;
  close(): Promise<void>;
  /** Resolves once every server has had its first connection attempt (after `start`). */
  ready(): Promise<void>;
}

interface ExposedTool {
  readonly descriptor: ToolDescriptor;
  readonly connection: ServerConnection;
}

/** Builds the hub. Throws at once (a start-up error) when an `obo` server has no token source. */
export function createMcpHub(options: McpHubOptions): McpHub {
  const needsTokens = options.servers.filter((s) => oboTargetOf(s) !== undefined);
  if (needsTokens.length > 0 && !options.delegatedTokens)
    throw new Error(
      `MCP servers ${needsTokens.map((s) => s.name).join(', ')} use auth "obo", but no delegated token source is configured`,
    );
  const logger = (options.logger ?? silentLogger).child({ component: 'mcp-hub' });
  const maxResultChars = options.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS;
  let exposed = new Map<string, ExposedTool>();

  const rebuildIndex = (): void => {
    const next = new Map<string, ExposedTool>();
    for (const connection of connections) {
      const { name: server, description: serverDescription } = connection.config;
      for (const tool of connection.tools) {
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
          approval: resolveApprovalPolicy(
            connection.config.tools?.[tool.name]?.approval,
            annotations,
          ),
        };
        next.set(name, { descriptor, connection });
      }
    }
    exposed = next;
  };

  const connections: ServerConnection[] = options.servers.map(
    (config) =>
      new ServerConnection(config, {
        logger,
        resolveSecret: options.resolveSecret ?? resolveBearerSecret,
        ...(options.delegatedTokens ? { delegated: options.delegatedTokens } : {}),
        backoff: options.reconnect ?? DEFAULT_BACKOFF,
        onToolsChanged: rebuildIndex,
      }),
  );

  const allows = (connection: ServerConnection, role: string): boolean =>
    connection.config.roles.includes(role);

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

  /**
   * The token an `obo` server gets for this call: the user's, exchanged for one issued for
   * that server (never the API's own). `undefined` for other servers; `{ error }` when the
   * exchange fails, which fails this call only.
   */
  async function delegatedTokenFor(
    config: McpServerConfig,
    context: ToolCallContext,
  ): Promise<string | undefined | { error: string }> {
    const target = oboTargetOf(config);
    if (!target || !options.delegatedTokens) return undefined;
    if (context.credential === 'service') {
      try {
        return await options.delegatedTokens.forService(target);
      } catch (error) {
        return {
          error: `Could not get the service credential for ${config.name}: ${delegationFailureMessage(error)}`,
        };
      }
    }
    const why = `Could not get access to ${config.name} on your behalf`;
    if (!context.token) return { error: `${why}: no sign-in token came with the question` };
    try {
      return await options.delegatedTokens.forUser({
        ...target,
        userId: context.user.id,
        subjectToken: context.token,
      });
    } catch (error) {
      return { error: `${why}: ${delegationFailureMessage(error)}` };
    }
  }

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
    const entry = exposed.get(name);
    if (!entry) return refused('', name, `Unknown tool "${name}"`, started);
    const { connection, descriptor } = entry;
    const { server, tool } = descriptor;
    if (!allows(connection, context.role)) {
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

    const delegated = await delegatedTokenFor(connection.config, context);
    if (typeof delegated === 'object') {
      const durationMs = Math.round(performance.now() - started);
      logger.warn({ mcpServer: server, tool, durationMs }, 'MCP delegated token unavailable');
      return { ok: false, server, tool, text: '', durationMs, error: delegated.error };
    }
    const attempt = await connection.call(tool, input as Record<string, unknown>, {
      token: delegated,
      signal: context.signal ?? new AbortController().signal,
      deadline: Date.now() + connection.config.timeoutMs,
      ...(context.elicit ? { elicit: elicitorFor(server, context.elicit) } : {}),
    });
    const durationMs = Math.round(performance.now() - started);
    if (attempt.kind === 'failure') {
      logger.warn(
        { mcpServer: server, tool, durationMs, failure: attempt.failure },
        'MCP tool call failed',
      );
      return { ok: false, server, tool, text: '', durationMs, error: attempt.message };
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

  return {
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
      await Promise.all(connections.map((c) => c.close()));
      exposed = new Map();
    },
    toolsFor: (role) =>
      [...exposed.values()]
        .filter((e) => e.connection.connected && allows(e.connection, role))
        .map((e) => e.descriptor),
    serversFor: (role): ServerDescriptor[] =>
      connections
        .filter((c) => c.connected && allows(c, role))
        .map((c) => ({ name: c.config.name, description: c.config.description })),
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
    status: (): ServerHealth[] =>
      connections.map((c) => ({
        name: c.config.name,
        transport: c.config.transport,
        connected: c.connected,
        toolCount: c.connected ? c.tools.length : 0,
        roles: c.config.roles,
        ...(c.lastError === undefined ? {} : { lastError: c.lastError }),
        ...(c.lastLatencyMs === undefined ? {} : { lastLatencyMs: c.lastLatencyMs }),
      })),
  };
}
