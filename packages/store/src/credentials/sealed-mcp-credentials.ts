import type {
  McpClientInformation,
  McpCredentialRepository,
  McpCredentialStore,
  McpTokens,
} from '@salescoach/domain';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { CorruptDocumentError } from '../validation/stored-document.js';

/** AES-256-GCM: a 32-byte key, a fresh 12-byte IV per seal, a 16-byte tag. */
export const TOKEN_KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

/**
 * Seals text with AES-256-GCM. `context` (who and what it belongs to) is authenticated as
 * additional data, so a sealed value copied onto another user's or server's record does not open.
 */
export function seal(key: Uint8Array, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made with the same key and context; throws when it does not authenticate. */
export function unseal(key: Uint8Array, context: string, sealed: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag)
    throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** The key a pending authorization is stored under: the state's SHA-256, never the state. */
export const stateKey = (state: string): string =>
  createHash('sha256').update(state, 'utf8').digest('base64url');

interface SealedTokens {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  issuer?: string;
}

/**
 * The credential store the OAuth client uses, over any adapter's repository: tokens, code
 * verifiers and client information are sealed before they are written and opened when read.
 */
export function openMcpCredentialStore(
  repository: McpCredentialRepository,
  key: Uint8Array,
): McpCredentialStore {
  if (key.length !== TOKEN_KEY_BYTES)
    throw new Error(`the MCP token key must be ${TOKEN_KEY_BYTES} bytes`);
  const open = <T>(entity: string, where: string, context: string, sealed: string): T => {
    try {
      return JSON.parse(unseal(key, context, sealed)) as T;
    } catch {
      throw new CorruptDocumentError(entity, where, [
        'does not open with MCP_TOKEN_KEY (a different key, or a damaged or moved value)',
      ]);
    }
  };
  const tokensContext = (userId: string, server: string) =>
    `tokens|${JSON.stringify([userId, server])}`;
  return {
    async tokens(userId, server) {
      const row = await repository.getTokens(userId, server);
      if (!row) return undefined;
      const secrets = open<SealedTokens>(
        'MCP tokens',
        server,
        tokensContext(userId, server),
        row.sealed,
      );
      return {
        ...secrets,
        connectedAt: row.connectedAt,
        needsReconnect: row.needsReconnect,
        ...(row.expiresAt === undefined ? {} : { expiresAt: Date.parse(row.expiresAt) }),
        ...(row.scope === undefined ? {} : { scope: row.scope }),
      } satisfies McpTokens;
    },
    async saveTokens(userId, server, tokens) {
      const secrets: SealedTokens = {
        accessToken: tokens.accessToken,
        tokenType: tokens.tokenType,
        ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
        ...(tokens.issuer === undefined ? {} : { issuer: tokens.issuer }),
      };
      await repository.putTokens({
        userId,
        server,
        sealed: seal(key, tokensContext(userId, server), JSON.stringify(secrets)),
        connectedAt: tokens.connectedAt,
        needsReconnect: tokens.needsReconnect,
        ...(tokens.expiresAt === undefined
          ? {}
          : { expiresAt: new Date(tokens.expiresAt).toISOString() }),
        ...(tokens.scope === undefined ? {} : { scope: tokens.scope }),
      });
    },
    deleteTokens: (userId, server) => repository.deleteTokens(userId, server),
    async savePending(pending) {
      const key_ = stateKey(pending.state);
      await repository.putPending({
        key: key_,
        userId: pending.userId,
        server: pending.server,
        sealed: seal(key, `pending|${key_}`, JSON.stringify(pending.codeVerifier)),
        createdAt: pending.createdAt,
        expiresAt: pending.expiresAt,
      });
    },
    async takePending(state, now) {
      const key_ = stateKey(state);
      const row = await repository.takePending(key_, now);
      if (!row) return undefined;
      const codeVerifier = open<string>(
        'pending MCP authorization',
        'by state',
        `pending|${key_}`,
        row.sealed,
      );
      return {
        state,
        userId: row.userId,
        server: row.server,
        codeVerifier,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      };
    },
    async client(server) {
      const row = await repository.getClient(server);
      return row
        ? open<McpClientInformation>(
            'MCP client registration',
            server,
            `client|${server}`,
            row.sealed,
          )
        : undefined;
    },
    async saveClient(server, client) {
      await repository.putClient({
        server,
        sealed: seal(key, `client|${server}`, JSON.stringify(client)),
        registeredAt: new Date().toISOString(),
      });
    },
    deleteClient: (server) => repository.deleteClient(server),
  };
}
