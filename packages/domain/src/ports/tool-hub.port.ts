import type { ApprovalPolicy } from '../actions/approval.js';
import type { ToolAnnotations } from '../actions/approval-policy.js';
import type { User } from '../model/user.js';

export interface ToolDescriptor {
  /** The name models see: `server__tool`, sanitised to [A-Za-z0-9_-]{1,64}. */
  readonly name: string;
  readonly server: string;
  readonly tool: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  /** The server's hints about the tool (read-only, destructive, idempotent). */
  readonly annotations?: ToolAnnotations;
  /** Who must agree before it runs: the servers file's setting, else read from the annotations. */
  readonly approval: ApprovalPolicy;
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

/** Where a tool call was asked: a 1-on-1 chat session, a room (group) or a practice. */
export interface ToolCallConversation {
  readonly kind: 'chat' | 'group' | 'practice';
  readonly id: string;
}

/** The approval a call runs under, and who decided it. */
export interface ToolCallApproval {
  readonly id: string;
  readonly decidedBy: { readonly id: string; readonly name: string };
}

/** One field of an elicitation form: MCP's primitive schema definitions only. */
export type ElicitationField =
  | {
      readonly type: 'string';
      readonly title?: string;
      readonly description?: string;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly format?: 'email' | 'uri' | 'date' | 'date-time';
      readonly enum?: readonly string[];
      readonly enumNames?: readonly string[];
      readonly default?: string;
    }
  | {
      readonly type: 'number' | 'integer';
      readonly title?: string;
      readonly description?: string;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly default?: number;
    }
  | {
      readonly type: 'boolean';
      readonly title?: string;
      readonly description?: string;
      readonly default?: boolean;
    };

/** The form a server asks for: a flat object of primitive fields. */
export interface ElicitationSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, ElicitationField>>;
  readonly required?: readonly string[];
}

/** A server's request for input from the asker, during one of their tool calls. */
export interface ElicitationRequest {
  /** The MCP server asking. */
  readonly server: string;
  readonly message: string;
  /** As the server sent it: only a flat object of primitive fields is shown (else declined). */
  readonly requestedSchema: unknown;
}

export type ElicitationContent = Readonly<Record<string, string | number | boolean>>;

/** The asker's answer: only `accept` carries content (validated against the schema). */
export type ElicitationAnswer =
  | { readonly action: 'accept'; readonly content: ElicitationContent }
  | { readonly action: 'decline' }
  | { readonly action: 'cancel' };

export interface ToolCallContext {
  readonly user: User;
  /** The role the conversation runs with (the session's, or the room's). */
  readonly role: string;
  /** The caller's own (API) token: exchanged for one issued for each `obo` server, never forwarded. */
  readonly token?: string;
  /**
   * `service`: `obo` servers get the API's own service credential instead of a token for
   * `user` — only for the API's own aggregate reads (the team digest's pipeline totals), which
   * the server decides to allow; never for a model's tool calls.
   */
  readonly credential?: 'user' | 'service';
  readonly signal?: AbortSignal;
  /** Where the call was asked; absent outside a conversation (e.g. listing practice deals). */
  readonly conversation?: ToolCallConversation;
  /** Present when the call runs after an approval. */
  readonly approval?: ToolCallApproval;
  /** Asks the asker for input a server needs mid-call; absent: servers' requests are declined. */
  readonly elicit?: (request: ElicitationRequest) => Promise<ElicitationAnswer>;
}

/** What one user is offered in one role (see `ToolHub.offerFor`). */
export interface ToolOffer {
  readonly tools: ToolDescriptor[];
  readonly servers: ServerDescriptor[];
  /** The role's `oauth` servers this user has not connected (or must reconnect). */
  readonly unconnected: ServerDescriptor[];
}

export interface ToolHub {
  /** The role's tools from servers that need no per-user consent. */
  toolsFor(role: string): ToolDescriptor[];
  serversFor(role: string): ServerDescriptor[];
  /**
   * What this user may use in this role: `toolsFor`/`serversFor`, plus the tools of the
   * `oauth` servers the user has connected (theirs only); the rest are `unconnected`.
   */
  offerFor(role: string, userId: string): Promise<ToolOffer>;
  /** Never throws transport errors: failures come back as `ok: false`. */
  call(name: string, args: unknown, context: ToolCallContext): Promise<ToolCallOutcome>;
  status(): ServerHealth[];
}
