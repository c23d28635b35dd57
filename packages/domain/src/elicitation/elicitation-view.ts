import type { ElicitationSchema } from '../ports/tool-hub.port.js';

/** A pending request for input, as the asker's client shows it (the `tool.elicitation` event). */
export interface ElicitationView {
  readonly id: string;
  /** The MCP server asking. */
  readonly server: string;
  readonly message: string;
  /** Primitive fields only (see elicitation-schema.ts). */
  readonly requestedSchema: ElicitationSchema;
  /** After this the request is cancelled (ELICITATION_TIMEOUT). */
  readonly expiresAt: string;
  /** The only person who may answer, and in a room the only one who receives it. */
  readonly askedBy: { readonly id: string; readonly name: string };
}
