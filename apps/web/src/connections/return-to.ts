/**
 * Where to go back to after connecting a server from a conversation. The OAuth callback
 * always lands on `/connections?connected=<server>`; before leaving for the authorization
 * page, the tab remembers the page the user was on (per tab, in sessionStorage), and the
 * Connections page offers the way back.
 */

const KEY = 'salescoach.connect.returnTo';

/** A path inside this app (never another origin: no `//host`, no scheme). */
function isAppPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

export function rememberReturn(storage: Storage, server: string, path: string): void {
  try {
    if (isAppPath(path) && !path.startsWith('/connections'))
      storage.setItem(KEY, JSON.stringify({ server, path }));
    else storage.removeItem(KEY);
  } catch {
    // Storage may be full or disabled: the way back is a convenience.
  }
}

/** The remembered page for this server, if any (reading leaves it; `forgetReturn` drops it). */
export function peekReturn(storage: Storage, server: string): string | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { server?: unknown; path?: unknown };
    return saved.server === server && typeof saved.path === 'string' && isAppPath(saved.path)
      ? saved.path
      : null;
  } catch {
    return null;
  }
}

export function forgetReturn(storage: Storage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
