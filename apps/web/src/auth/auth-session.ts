/** A signed-in identity as the rest of the app sees it, whichever way it was obtained. */
export interface AuthSession {
  readonly mode: 'dev' | 'entra';
  /** The current access token (renewed behind the scenes); null once signed out. */
  getToken(): Promise<string | null>;
  /** Called after a token was renewed, so the socket can reconnect with it. */
  onRenewed(listener: () => void): () => void;
  /** Gets a fresh token now (the server refused the current one), then notifies `onRenewed`. */
  renewNow(): Promise<void>;
  signOut(): Promise<void>;
  dispose(): void;
}

/** When to renew a token: a minute before it expires, or at 80% of a short lifetime. */
export function renewalDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.max(1_000, left > 300_000 ? left - 60_000 : Math.floor(left * 0.8));
}
