import { z } from 'zod';

/** Ids are opaque strings the server generates (UUIDs); inputs are bounded and plain. */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'letters, digits and _ : . - only');

export const isoDateSchema = z.iso.datetime({ offset: true });

export function newId(): string {
  return globalThis.crypto.randomUUID();
}
