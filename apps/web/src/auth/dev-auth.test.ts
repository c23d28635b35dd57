import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api-client.js';
import { renewalDelay } from './auth-session.js';
import { loadDevAuth, startDevSession } from './dev-auth.js';

/** Only the one call dev sign-in makes; each login returns a new token valid for 10 minutes. */
function fakeApi() {
  let issued = 0;
  const devLogin = vi.fn(async ({ user }: { user: string }) => ({
    token: `${user}-token-${++issued}`,
    expiresAt: Date.now() + 600_000,
  }));
  return { api: { auth: { devLogin: { mutate: devLogin } } } as unknown as ApiClient, devLogin };
}

afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('dev sign-in', () => {
  it('renews a minute before expiry, or at 80% of a short lifetime', () => {
    expect(renewalDelay(600_000, 0)).toBe(540_000);
    expect(renewalDelay(60_000, 0)).toBe(48_000);
    expect(renewalDelay(0, 10)).toBe(1_000);
  });

  it('keeps the token in sessionStorage and renews it before it expires', async () => {
    vi.useFakeTimers();
    const { api, devLogin } = fakeApi();
    const session = await startDevSession(api, sessionStorage, 'alex');
    const renewed = vi.fn();
    session.onRenewed(renewed);
    expect(await session.getToken()).toBe('alex-token-1');
    expect(loadDevAuth(sessionStorage)?.token).toBe('alex-token-1');

    await vi.advanceTimersByTimeAsync(540_001);
    expect(devLogin).toHaveBeenCalledTimes(2);
    expect(renewed).toHaveBeenCalledOnce();
    expect(await session.getToken()).toBe('alex-token-2');
    expect(loadDevAuth(sessionStorage)?.token).toBe('alex-token-2');
    session.dispose();
  });

  it('reuses a stored token that is still valid, renews on demand, and forgets it on sign-out', async () => {
    const { api, devLogin } = fakeApi();
    const stored = { user: 'sam', token: 'kept', expiresAt: Date.now() + 300_000 };
    const session = await startDevSession(api, sessionStorage, 'sam', stored);
    expect(devLogin).not.toHaveBeenCalled();
    expect(await session.getToken()).toBe('kept');
    await session.renewNow();
    expect(await session.getToken()).toBe('sam-token-1');
    await session.signOut();
    expect(await session.getToken()).toBeNull();
    expect(loadDevAuth(sessionStorage)).toBeNull();
  });
});
