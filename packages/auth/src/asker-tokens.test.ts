import { describe, expect, it } from 'vitest';
import type { User } from '@salescoach/domain';
import { rememberedAskerTokens } from './asker-tokens.js';

const alex: User = {
  id: 'tenant:alex-oid',
  tenantId: 'tenant',
  name: 'Alex Rivera',
  email: 'alex@example.com',
  roles: ['Sales'],
};
/** A token-shaped string with the given expiry (the API verified the real one before). */
const tokenExpiringAt = (ms: number) =>
  `h.${Buffer.from(JSON.stringify({ exp: Math.floor(ms / 1000) })).toString('base64url')}.s`;

describe('entra mode: the asker token remembered from the proposal', () => {
  it('is used while it is fresh, and refused with a clear message once it is not (or was never seen)', async () => {
    let now = 1_000_000_000_000;
    const tokens = rememberedAskerTokens(() => now);
    await expect(tokens.forAsker(alex)).rejects.toThrow(
      /Alex Rivera's sign-in is no longer available to act on their behalf/,
    );
    const token = tokenExpiringAt(now + 3_600_000);
    tokens.remember?.(alex, token);
    await expect(tokens.forAsker(alex)).resolves.toBe(token);
    now += 3_600_000 - 30_000; // within the last minute of its life
    await expect(tokens.forAsker(alex)).rejects.toThrow(/no longer available/);
  });
});
