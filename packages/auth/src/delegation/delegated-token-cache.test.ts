import { describe, expect, it } from 'vitest';
import { createDelegatedTokenCache } from './delegated-token-cache.js';
import {
  type DelegatedToken,
  type DelegatedTokenProvider,
  DelegationError,
  type DelegationTarget,
} from './token-exchange.js';

/** A provider at the unit's edge: counts exchanges and hands out numbered tokens. */
function countingProvider(lifetimeMs: number, now: () => number) {
  const calls: string[] = [];
  let failNext = false;
  const make = (kind: string, target: DelegationTarget): DelegatedToken => {
    if (failNext) {
      failNext = false;
      throw new DelegationError(
        'the token service refused the exchange (invalid_grant)',
        'invalid_grant',
      );
    }
    calls.push(`${kind}:${target.resource}:${target.scope ?? ''}`);
    return { accessToken: `t${calls.length}`, expiresAt: now() + lifetimeMs };
  };
  const provider: DelegatedTokenProvider = {
    onBehalfOf: async (subject, target) => make(`obo(${subject})`, target),
    forService: async (target) => make('service', target),
  };
  return { provider, calls, failNextCall: () => (failNext = true) };
}

describe('delegated token cache', () => {
  const crm = { resource: 'https://crm.example/mcp' };

  it('caches per user and target until shortly before expiry, then exchanges again', async () => {
    let clock = 0;
    const p = countingProvider(600_000, () => clock);
    const cache = createDelegatedTokenCache(p.provider, {
      now: () => clock,
      renewBeforeMs: 60_000,
    });
    const alex = (extra: Partial<DelegationTarget> = {}) =>
      cache.forUser({ ...crm, ...extra, userId: 'dev:alex', subjectToken: 'a' });
    expect(await alex()).toBe('t1');
    expect(await alex()).toBe('t1');
    expect(await cache.forUser({ ...crm, userId: 'dev:sam', subjectToken: 's' })).toBe('t2');
    expect(await alex({ scope: 'crm.write' })).toBe('t3');
    expect(await alex({ resource: 'https://other.example/mcp' })).toBe('t4');
    clock = 539_000;
    expect(await alex()).toBe('t1');
    clock = 541_000; // within a minute of expiry
    expect(await alex()).toBe('t5');
    expect(p.calls).toHaveLength(5);
  });

  it('shares one exchange among concurrent requests, and does not cache a failure', async () => {
    const p = countingProvider(600_000, () => 0);
    const cache = createDelegatedTokenCache(p.provider, { now: () => 0 });
    const request = { ...crm, userId: 'dev:alex', subjectToken: 'a' };
    const tokens = await Promise.all([cache.forUser(request), cache.forUser(request)]);
    expect(tokens).toEqual(['t1', 't1']);
    expect(p.calls).toHaveLength(1);

    p.failNextCall();
    const other = { ...crm, userId: 'dev:sam', subjectToken: 's' };
    await expect(cache.forUser(other)).rejects.toThrow(/invalid_grant/);
    expect(await cache.forUser(other)).toBe('t2');
  });

  it('keeps service tokens apart from user tokens', async () => {
    const p = countingProvider(600_000, () => 0);
    const cache = createDelegatedTokenCache(p.provider, { now: () => 0 });
    expect(await cache.forService(crm)).toBe('t1');
    expect(await cache.forUser({ ...crm, userId: 'service', subjectToken: 'x' })).toBe('t2');
    expect(await cache.forService(crm)).toBe('t1');
  });

  it('does not keep a token that is already within its renewal window', async () => {
    const p = countingProvider(30_000, () => 0);
    const cache = createDelegatedTokenCache(p.provider, { now: () => 0, renewBeforeMs: 60_000 });
    await cache.forService(crm);
    await cache.forService(crm);
    expect(p.calls).toHaveLength(2);
  });
});
