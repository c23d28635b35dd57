import type { McpServerConfig } from '@salescoach/config';
import type { Logger } from '@salescoach/domain';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
  type Tool,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { CallDeadline } from './call-deadline.js';
import { type CallElicitor, currentElicitor, runWithElicitor } from './call-elicitation.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { describeError, type FailureKind, isConnectionLoss, isTimeout } from './call-errors.js';
import { runWithoutRequestToken, runWithRequestToken } from './request-token.js';
import type { DelegatedTokens } from './delegated-tokens.js';
import {
  createTransport,
  type CredentialSources,
  type SecretResolver,
} from './transport-factory.js';

export type CallAttempt =
  | { readonly kind: 'result'; readonly result: CallToolResult }
  | { readonly kind: 'failure'; readonly failure: FailureKind; readonly message: string };

export interface ConnectionDeps {
  readonly logger: Logger;
  readonly resolveSecret: SecretResolver;
  readonly delegated?: DelegatedTokens;
  readonly backoff: BackoffOptions;
  /** `false`: a failed or lost connection stays down (its owner makes a new one). Default true. */
  readonly retry?: boolean;
  /** `oauth` servers: the access token of the user this connection belongs to. */
  readonly oauthToken?: CredentialSources['oauthToken'];
  /** Called whenever the server's tools appear, change or disappear. */
  readonly onToolsChanged: () => void;
}

const CLIENT_INFO = { name: 'salescoach-hub', version: '1.0.0' };
/** The hub answers servers' requests for input (form mode only: no URLs to open). */
const CLIENT_CAPABILITIES = { elicitation: { form: {} } };
/** The SDK's own request timeout is not used: the call's deadline (which pauses for forms) is. */
const NO_SDK_TIMEOUT_MS = 2_147_483_647;
const HEALTH_CHECK_MAX_MS = 5_000;

/** Resolves with the promise, or with `undefined` once the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      () => resolve(undefined),
    );
  });
}

/**
 * One MCP server: its client and transport, health, tool list, reconnection with backoff,
 * and recovery from a lost session (a new client and transport, then one retry).
 */
export class ServerConnection {
  connected = false;
  tools: readonly Tool[] = [];
  lastError: string | undefined;
  lastLatencyMs: number | undefined;
  readonly firstAttempt: Promise<void>;

  private client: Client | undefined;
  private connecting: Promise<boolean> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private checking = false;
  private closed = false;
  private lastStderrLine = '';
  private markFirstAttempt: () => void = () => undefined;
  private readonly log: Logger;

  constructor(
    readonly config: McpServerConfig,
    private readonly deps: ConnectionDeps,
  ) {
    this.log = deps.logger.child({ mcpServer: config.name });
    this.firstAttempt = new Promise((resolve) => (this.markFirstAttempt = resolve));
  }

  /** Connects (or joins the attempt in progress). Resolves `true` when connected; never rejects. */
  connect(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.connecting ??= runWithoutRequestToken(() => this.openConnection()).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Re-lists the tools, or reconnects now if the server is down. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (client && this.connected) await this.refreshTools(client);
    else await this.connect();
  }

  async call(
    tool: string,
    args: Record<string, unknown>,
    options: { token?: string; signal: AbortSignal; deadline: number; elicit?: CallElicitor },
  ): Promise<CallAttempt> {
    for (let attempt = 0; attempt < 2; attempt++) {
      // Waiting for a (re)connection counts against the call's own deadline.
      const waitSignal = AbortSignal.any([
        options.signal,
        AbortSignal.timeout(Math.max(1, options.deadline - Date.now())),
      ]);
      const client =
        this.client ?? ((await untilAborted(this.connect(), waitSignal)) ? this.client : undefined);
      if (options.signal.aborted)
        return { kind: 'failure', failure: 'aborted', message: 'The tool call was cancelled' };
      if (!client && Date.now() >= options.deadline) return this.timedOut();
      if (!client)
        return {
          kind: 'failure',
          failure: 'unavailable',
          message: `${this.config.name} is unavailable: ${this.lastError ?? 'not connected'}`,
        };
      const remaining = options.deadline - Date.now();
      if (remaining <= 0) return this.timedOut();
      const started = performance.now();
      const deadline = new CallDeadline(remaining);
      const elicit = options.elicit;
      const asker: CallElicitor | undefined = elicit
        ? (params) => deadline.whilePaused(() => elicit(params))
        : undefined;
      try {
        const result = await runWithElicitor(asker, () =>
          runWithRequestToken(options.token, () =>
            client.callTool({ name: tool, arguments: args }, undefined, {
              signal: AbortSignal.any([options.signal, deadline.signal]),
              timeout: NO_SDK_TIMEOUT_MS,
            }),
          ),
        );
        this.lastLatencyMs = Math.round(performance.now() - started);
        return { kind: 'result', result: result as CallToolResult };
      } catch (error) {
        if (options.signal.aborted)
          return { kind: 'failure', failure: 'aborted', message: 'The tool call was cancelled' };
        if (deadline.expired || isTimeout(error)) return this.timedOut();
        if (!isConnectionLoss(error))
          return { kind: 'failure', failure: 'error', message: describeError(error) };
        this.lost(client, describeError(error));
        // The session or connection is gone: the next round makes a new client and transport and retries once.
      } finally {
        deadline.clear();
      }
    }
    return {
      kind: 'failure',
      failure: 'unavailable',
      message: `${this.config.name} is unavailable: ${this.lastError ?? 'connection lost'}`,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    this.markFirstAttempt();
    await client?.close().catch(() => undefined);
  }

  private timedOut(): CallAttempt {
    return {
      kind: 'failure',
      failure: 'timeout',
      message: `${this.config.name} did not answer within ${this.config.timeoutMs} ms`,
    };
  }

  private async openConnection(): Promise<boolean> {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const previous = this.client;
    this.client = undefined;
    await previous?.close().catch(() => undefined);

    const started = performance.now();
    const client = new Client(CLIENT_INFO, { capabilities: CLIENT_CAPABILITIES });
    const { transport, stderr } = createTransport(this.config, this.deps);
    stderr?.on('data', (chunk: Buffer) => {
      const line = chunk.toString('utf8').trim().split('\n').pop();
      if (line) this.lastStderrLine = line.slice(0, 300);
    });
    client.onclose = () => this.lost(client, 'connection closed');
    client.onerror = () => this.checkHealth(client);
    client.setNotificationHandler(ToolListChangedNotificationSchema, () =>
      this.refreshTools(client),
    );
    client.setRequestHandler(ElicitRequestSchema, (request) => this.elicit(request.params));
    try {
      await client.connect(transport, { timeout: this.config.timeoutMs });
      if (this.closed) {
        await client.close();
        return false;
      }
      this.client = client;
      this.tools = await this.listTools(client);
      this.connected = true;
      this.failures = 0;
      this.lastError = undefined;
      this.lastLatencyMs = Math.round(performance.now() - started);
      this.log.info(
        { toolCount: this.tools.length, durationMs: this.lastLatencyMs },
        'MCP server connected',
      );
      this.deps.onToolsChanged();
      return true;
    } catch (error) {
      this.client = undefined;
      this.connected = false;
      const detail =
        this.config.transport === 'stdio' && this.lastStderrLine ? ` (${this.lastStderrLine})` : '';
      this.lastError = `${describeError(error)}${detail}`;
      await client.close().catch(() => undefined);
      this.log.warn(
        { error: this.lastError, attempt: this.failures + 1 },
        'MCP server connection failed',
      );
      this.scheduleReconnect();
      return false;
    } finally {
      this.markFirstAttempt();
    }
  }

  /** A server asks the asker of the call in progress for input; nobody to ask → declined. */
  private async elicit(params: {
    mode?: string;
    message: string;
    requestedSchema?: unknown;
  }): Promise<ElicitResult> {
    const ask = currentElicitor();
    if (!ask || (params.mode !== undefined && params.mode !== 'form')) {
      this.log.info({ asked: ask !== undefined }, 'MCP elicitation declined');
      return { action: 'decline' };
    }
    const answer = await ask({ message: params.message, requestedSchema: params.requestedSchema });
    return answer.action === 'accept'
      ? { action: 'accept', content: { ...answer.content } }
      : { action: answer.action };
  }

  private async listTools(client: Client): Promise<Tool[]> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor }, {
        timeout: this.config.timeoutMs,
      });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined && tools.length < 1_000);
    return tools;
  }

  private async refreshTools(client: Client): Promise<void> {
    try {
      const tools = await runWithoutRequestToken(() => this.listTools(client));
      if (this.client !== client) return;
      this.tools = tools;
      this.log.info({ toolCount: tools.length }, 'MCP server tools refreshed');
      this.deps.onToolsChanged();
    } catch (error) {
      if (isConnectionLoss(error)) this.lost(client, describeError(error));
    }
  }

  /** A transport error may mean the server went away: ping it, and treat a failed ping as a lost connection. */
  private checkHealth(client: Client): void {
    if (this.checking || this.client !== client) return;
    this.checking = true;
    void runWithoutRequestToken(() =>
      client.ping({ timeout: Math.min(this.config.timeoutMs, HEALTH_CHECK_MAX_MS) }),
    )
      .then(
        () => undefined,
        (error: unknown) => this.lost(client, describeError(error)),
      )
      .finally(() => {
        this.checking = false;
      });
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.connected = false;
    this.lastError = reason;
    this.log.warn({ error: reason }, 'MCP server connection lost');
    this.deps.onToolsChanged();
    void client.close().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined || this.deps.retry === false) return;
    const delayMs = backoffDelay(this.failures++, this.deps.backoff);
    this.log.debug({ delayMs, attempt: this.failures }, 'MCP server reconnect scheduled');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
