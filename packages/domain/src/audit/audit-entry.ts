import { z } from 'zod';
import { idSchema, isoDateSchema } from '../model/ids.js';

/** How a tool call ended: it ran (`ok`/`failed`), was refused before it ran, or waits for an approval. */
export const auditOutcomeSchema = z.enum(['ok', 'failed', 'refused', 'awaiting_approval']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

const personSchema = z.object({ id: z.string().min(1).max(200), name: z.string().max(200) });

/** Largest argument JSON kept as it is; bigger arguments are kept as their first characters. */
export const AUDIT_ARGUMENTS_MAX_CHARS = 32_000;

/**
 * One tool call in the append-only audit log. `arguments` are kept (that is what an audit is
 * for) but never logged. `teamIds` are the asker's teams when the call was made: their
 * managers may read it.
 */
export const auditEntrySchema = z.object({
  id: idSchema,
  server: z.string().min(1).max(100),
  tool: z.string().min(1).max(200),
  arguments: z.unknown(),
  askedBy: personSchema,
  /** The role the conversation ran with. */
  role: z.string().max(64),
  teamIds: z.array(z.string().max(64)).max(100),
  conversation: z
    .object({ kind: z.enum(['chat', 'group', 'practice']), id: z.string().min(1).max(200) })
    .optional(),
  approval: z.object({ id: idSchema, decidedBy: personSchema.optional() }).optional(),
  startedAt: isoDateSchema,
  finishedAt: isoDateSchema,
  durationMs: z.number().int().min(0),
  outcome: auditOutcomeSchema,
  error: z.string().max(1_000).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The arguments as stored: the value itself, or its JSON cut to size when it is too big. */
export function storedArguments(args: unknown): unknown {
  if (args === undefined) return {};
  let json: string;
  try {
    json = JSON.stringify(args) ?? 'null';
  } catch {
    return { unserializable: true };
  }
  if (json.length <= AUDIT_ARGUMENTS_MAX_CHARS) return JSON.parse(json) as unknown;
  return { truncated: true, json: json.slice(0, AUDIT_ARGUMENTS_MAX_CHARS) };
}

/** Newest first, ties by id: the order of every list and the key its cursors point at. */
export function auditSortKey(entry: Pick<AuditEntry, 'startedAt' | 'id'>): string {
  return `${new Date(entry.startedAt).toISOString()}|${entry.id}`;
}
