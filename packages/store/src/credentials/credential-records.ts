import { z } from 'zod';

/** The stored shapes of MCP credentials; a read that does not match is refused as corrupt. */
const id = z.string().min(1).max(256);
const isoTime = z.iso.datetime();
/** Sealed text: `v1.<iv>.<ciphertext>.<tag>` in base64url (see sealed-mcp-credentials.ts). */
const sealed = z.string().regex(/^v1\.[\w-]+\.[\w-]*\.[\w-]+$/, 'sealed text');

export const storedTokensSchema = z
  .object({
    userId: id,
    server: id,
    sealed,
    expiresAt: isoTime.optional(),
    scope: z.string().max(2_000).optional(),
    connectedAt: isoTime,
    needsReconnect: z.boolean(),
  })
  .strict();

export const storedPendingSchema = z
  .object({
    key: z.string().regex(/^[\w-]{43}$/, 'a SHA-256 hash in base64url'),
    userId: id,
    server: id,
    sealed,
    createdAt: isoTime,
    expiresAt: isoTime,
  })
  .strict();

export const storedClientSchema = z.object({ server: id, sealed, registeredAt: isoTime }).strict();

export const TOKENS = 'MCP tokens';
export const PENDING = 'pending MCP authorization';
export const CLIENT = 'MCP client registration';
