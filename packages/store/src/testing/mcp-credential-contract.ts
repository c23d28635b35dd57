import { newId, type McpCredentialStore, type McpTokens } from '@salescoach/domain';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openMcpCredentialStore } from '../credentials/sealed-mcp-credentials.js';
import type { ContractContext } from './contract-context.js';

const KEY = randomBytes(32);
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const tokensFixture = (overrides: Partial<McpTokens> = {}): McpTokens => ({
  accessToken: secret('access'),
  refreshToken: secret('refresh'),
  tokenType: 'Bearer',
  expiresAt: Date.parse('2026-05-01T10:00:00.000Z'),
  scope: 'mcp:tools',
  connectedAt: '2026-05-01T09:00:00.000Z',
  needsReconnect: false,
  issuer: 'http://127.0.0.1:4000',
  ...overrides,
});
const pendingFixture = (userId: string, server: string, expiresAt: string) => ({
  state: secret('state'),
  userId,
  server,
  codeVerifier: secret('verifier'),
  createdAt: '2026-05-01T09:00:00.000Z',
  expiresAt,
});

/** Users' tokens for oauth MCP servers: per user and server, sealed at rest, states used once. */
export function registerMcpCredentialContract(ctx: ContractContext): void {
  describe('MCP credentials', () => {
    const sealed = (): McpCredentialStore =>
      openMcpCredentialStore(ctx.store().mcpCredentials, KEY);

    it('keeps tokens per user and server, replaces and deletes them', async () => {
      const [alex, sam] = [`alex-${newId()}`, `sam-${newId()}`];
      const store = sealed();
      const mine = tokensFixture();
      const samsToken = tokensFixture();
      await store.saveTokens(alex, 'notes', mine);
      await store.saveTokens(sam, 'notes', samsToken);
      await expect(store.tokens(alex, 'notes')).resolves.toEqual(mine);
      await expect(store.tokens(sam, 'notes')).resolves.toEqual(samsToken);
      await expect(store.tokens(alex, 'other')).resolves.toBeUndefined();

      const refreshed = tokensFixture({ refreshToken: undefined, needsReconnect: true });
      delete (refreshed as { refreshToken?: string }).refreshToken;
      await store.saveTokens(alex, 'notes', refreshed);
      await expect(store.tokens(alex, 'notes')).resolves.toEqual(refreshed);

      await expect(store.deleteTokens(alex, 'notes')).resolves.toBe(true);
      await expect(store.deleteTokens(alex, 'notes')).resolves.toBe(false);
      await expect(store.tokens(alex, 'notes')).resolves.toBeUndefined();
      await expect(store.tokens(sam, 'notes')).resolves.toEqual(samsToken);
    });

    it('gives a pending authorization once, bound to its user, and not after it expires', async () => {
      const store = sealed();
      const now = new Date('2026-05-01T09:05:00.000Z');
      const pending = pendingFixture('alex', 'notes', '2026-05-01T09:10:00.000Z');
      await store.savePending(pending);
      await expect(store.takePending(secret('forged'), now)).resolves.toBeUndefined();
      await expect(store.takePending(pending.state, now)).resolves.toEqual(pending);
      await expect(store.takePending(pending.state, now)).resolves.toBeUndefined();

      const late = pendingFixture('alex', 'notes', '2026-05-01T09:10:00.000Z');
      await store.savePending(late);
      await expect(
        store.takePending(late.state, new Date('2026-05-01T09:10:00.001Z')),
      ).resolves.toBeUndefined();
      await expect(store.takePending(late.state, now)).resolves.toBeUndefined();
    });

    it('a new authorization of the same user and server replaces the older one', async () => {
      const store = sealed();
      const now = new Date('2026-05-01T09:05:00.000Z');
      const first = pendingFixture('morgan', 'notes', '2099-01-01T00:00:00.000Z');
      const other = pendingFixture('morgan', 'crm', '2099-01-01T00:00:00.000Z');
      const second = pendingFixture('morgan', 'notes', '2099-01-01T00:00:00.000Z');
      await store.savePending(first);
      await store.savePending(other);
      await store.savePending(second);
      await expect(store.takePending(first.state, now)).resolves.toBeUndefined();
      await expect(store.takePending(second.state, now)).resolves.toEqual(second);
      await expect(store.takePending(other.state, now)).resolves.toEqual(other);
    });

    it('of two callbacks with the same state at once, exactly one gets it', async () => {
      const store = sealed();
      const now = new Date('2026-05-01T09:05:00.000Z');
      const pending = pendingFixture('sam', 'notes', '2026-05-01T09:10:00.000Z');
      await store.savePending(pending);
      const taken = await Promise.all([
        store.takePending(pending.state, now),
        store.takePending(pending.state, now),
      ]);
      expect(taken.filter((t) => t !== undefined)).toHaveLength(1);
    });

    it('keeps a client registration per server', async () => {
      const store = sealed();
      const server = `srv-${newId().slice(0, 8)}`;
      const client = { client_id: secret('client'), client_secret: secret('secret') };
      await expect(store.client(server)).resolves.toBeUndefined();
      await store.saveClient(server, client);
      await expect(store.client(server)).resolves.toEqual(client);
      await store.deleteClient(server);
      await expect(store.client(server)).resolves.toBeUndefined();
    });

    it('stores no token, verifier, state or client secret in plaintext', async () => {
      const store = sealed();
      const userId = `raw-${newId()}`;
      const tokens = tokensFixture();
      const pending = pendingFixture(userId, 'notes', '2099-01-01T00:00:00.000Z');
      const client = { client_id: 'raw-client', client_secret: secret('client-secret') };
      await store.saveTokens(userId, 'notes', tokens);
      await store.savePending(pending);
      await store.saveClient('raw-notes', client);
      const dump = await ctx.harness().rawCredentials();
      // The dump is the real thing: it holds the rows' plain fields.
      expect(dump).toContain(userId);
      // Neither as it is nor merely encoded: every base64url run is decoded and searched too.
      const decoded = (dump.match(/[\w-]{16,}/g) ?? []).map((run) =>
        Buffer.from(run, 'base64url').toString('latin1'),
      );
      const raw = [dump, ...decoded].join('\n');
      for (const value of [
        tokens.accessToken,
        tokens.refreshToken!,
        pending.state,
        pending.codeVerifier,
        client.client_secret,
      ])
        expect(raw).not.toContain(value);
    });

    it('refuses sealed tokens moved onto another user, or opened with another key', async () => {
      const repository = ctx.store().mcpCredentials;
      const [alex, sam] = [`alex-${newId()}`, `sam-${newId()}`];
      await sealed().saveTokens(alex, 'notes', tokensFixture());
      const row = await repository.getTokens(alex, 'notes');
      await repository.putTokens({ ...row!, userId: sam });
      await expect(sealed().tokens(sam, 'notes')).rejects.toThrow(/MCP_TOKEN_KEY/);
      const otherKey = openMcpCredentialStore(repository, randomBytes(32));
      await expect(otherKey.tokens(alex, 'notes')).rejects.toThrow(/does not open/);
    });
  });
}
