import type { User } from '../model/user.js';

export interface ToolDescriptor {
  /** The name models see: `server__tool`, sanitised to [A-Za-z0-9_-]{1,64}. */
  readonly name: string;
  readonly server: string;
  readonly tool: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
}

export interface ServerDescriptor {
  readonly name: string;
  readonly description: string;
}

export interface ToolCallOutcome {
  readonly ok: boolean;
  readonly server: string;
  readonly tool: string;
  readonly structuredContent?: unknown;
  /** Text content (joined), capped in size. */
  readonly text: string;
  readonly durationMs: number;
  /** Safe to show: never the arguments. */
  readonly error?: string;
  /** The call was refused before it reached the server (role, unknown tool, bad arguments). */
  readonly refused?: boolean;
  readonly truncated?: boolean;
}

export interface ServerHealth {
  readonly name: string;
  readonly transport: string;
  readonly connected: boolean;
  readonly toolCount: number;
  readonly lastError?: string;
  readonly lastLatencyMs?: number;
  readonly roles: readonly string[];
}

export interface ToolCallContext {
  readonly user: User;
  /** The role the conversation runs with (the session's, or the room's). */
  readonly role: string;
  /** The caller's own (API) token: exchanged for one issued for each `obo` server, never forwarded. */
  readonly token?: string;
  readonly signal?: AbortSignal;
}

export interface ToolHub {
  toolsFor(role: string): ToolDescriptor[];
  serversFor(role: string): ServerDescriptor[];
  /** Never throws transport errors: failures come back as `ok: false`. */
  call(name: string, args: unknown, context: ToolCallContext): Promise<ToolCallOutcome>;
  status(): ServerHealth[];
}
