import { TRPCClientError } from '@trpc/client';

/**
 * Which edited argument the server refused and why, per field name, from a refused
 * `approvals.decide`: the flattened zod issues the API sends (`data.zodError.fieldErrors`,
 * keyed by argument name, or by `arguments.<name>` when the input itself was refused), a
 * domain error's `data.fieldErrors`, or the schema check's own wording in the message
 * ("…: $.stage: must be one of …; $.amount: must be >= 1").
 */
export function argumentErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as
    | {
        zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
        fieldErrors?: Record<string, string | string[] | undefined> | null;
      }
    | undefined;
  const found: Record<string, string> = {};
  const add = (key: string, messages: string | readonly string[] | undefined) => {
    const text = typeof messages === 'string' ? messages : messages?.[0];
    if (!text) return;
    const name = key.startsWith('arguments.') ? key.slice('arguments.'.length) : key;
    if (name && name !== 'arguments') found[name] ??= text;
  };
  for (const [key, messages] of Object.entries(data?.zodError?.fieldErrors ?? {}))
    add(key, messages);
  for (const [key, messages] of Object.entries(data?.fieldErrors ?? {})) add(key, messages);
  for (const match of error.message.matchAll(/\$\.([A-Za-z_][\w]*): ([^;]+)/g))
    add(match[1]!, match[2]!.trim());
  return found;
}
