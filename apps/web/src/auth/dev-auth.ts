import type { ApiClient } from '../api/api-client.js';
import { renewalDelay, type AuthSession } from './auth-session.js';

const STORAGE_KEY = 'salescoach.devAuth';

export interface StoredDevAuth {
  readonly user: string;
  readonly token: string;
  readonly expiresAt: number;
}

function isStoredDevAuth(value: unknown): value is StoredDevAuth {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.user === 'string' && typeof v.token === 'string' && typeof v.expiresAt === 'number'
  );
}

export function loadDevAuth(storage: Storage): StoredDevAuth | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    return isStoredDevAuth(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function clearDevAuth(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Dev mode: the local issuer's short-lived token, kept in sessionStorage (per tab, gone when
 * the tab closes) and renewed before it expires by signing the same demo user in again.
 */
export async function startDevSession(
  api: ApiClient,
  storage: Storage,
  user: string,
  existing?: StoredDevAuth | null,
): Promise<AuthSession> {
  let current: StoredDevAuth | null =
    existing && existing.user === user && existing.expiresAt - Date.now() > 30_000
      ? existing
      : await login(api, user);
  storage.setItem(STORAGE_KEY, JSON.stringify(current));
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (!current) return;
    timer = setTimeout(() => void renew(), renewalDelay(current.expiresAt, Date.now()));
  };
  const renew = async () => {
    clearTimeout(timer);
    try {
      current = await login(api, user);
      storage.setItem(STORAGE_KEY, JSON.stringify(current));
      for (const listener of listeners) listener();
    } catch {
      // The server may be restarting: try again shortly (the old token may still be valid).
      timer = setTimeout(() => void renew(), 5_000);
      return;
    }
    schedule();
  };
  schedule();

  const dispose = () => {
    clearTimeout(timer);
    listeners.clear();
  };
  return {
    mode: 'dev',
    getToken: async () => current?.token ?? null,
    onRenewed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    renewNow: () => (current ? renew() : Promise.resolve()),
    async signOut() {
      dispose();
      current = null;
      clearDevAuth(storage);
    },
    dispose,
  };
}

async function login(api: ApiClient, user: string): Promise<StoredDevAuth> {
  const { token, expiresAt } = await api.auth.devLogin.mutate({ user });
  return { user, token, expiresAt };
}
