import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { readableError } from '../api/readable-error.js';
import type { ApiClient } from '../api/api-client.js';
import type { AuthInfo } from '../api/trpc-react.js';
import type { AuthSession } from './auth-session.js';
import { loadDevAuth, startDevSession } from './dev-auth.js';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'signedOut'; info: AuthInfo; busy: string | null; error: string | null }
  | { phase: 'signedIn'; info: AuthInfo; session: AuthSession };

interface AuthContextValue {
  readonly state: AuthState;
  readonly signInDev: (user: string) => void;
  readonly signInEntra: () => void;
  readonly signOut: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider');
  return value;
}

const messageOf = readableError;

function entraConfig(info: AuthInfo) {
  if (info.mode !== 'entra') return null;
  return info.clientId
    ? { clientId: info.clientId, tenantId: info.tenantId, scope: info.scope }
    : null;
}

/** Loads how to sign in, restores a session from this tab, and signs in and out. */
export function AuthProvider({
  api,
  storage,
  children,
}: {
  api: ApiClient;
  storage: Storage;
  children: ReactNode;
}) {
  const [state, setState] = useState<AuthState>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const settle = (next: AuthState) => {
      if (!cancelled) setState(next);
    };
    const signedOut = (info: AuthInfo, error: string | null = null): AuthState => ({
      phase: 'signedOut',
      info,
      busy: null,
      error,
    });
    void (async () => {
      let info: AuthInfo;
      try {
        info = await api.auth.info.query();
      } catch (error) {
        settle({
          phase: 'error',
          message: messageOf(error),
        });
        return;
      }
      try {
        if (info.mode === 'dev') {
          const stored = loadDevAuth(storage);
          if (stored && info.devUsers.some((u) => u.key === stored.user)) {
            const session = await startDevSession(api, storage, stored.user, stored);
            if (cancelled) session.dispose();
            settle({ phase: 'signedIn', info, session });
            return;
          }
          settle(signedOut(info));
          return;
        }
        const config = entraConfig(info);
        if (!config) {
          settle({
            phase: 'error',
            message: 'Microsoft Entra sign-in is not configured on the server (no client id)',
          });
          return;
        }
        const { startEntraSession } = await import('./entra-auth.js');
        const session = await startEntraSession(config, { interactive: false });
        settle(session ? { phase: 'signedIn', info, session } : signedOut(info));
      } catch (error) {
        settle(signedOut(info, messageOf(error)));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, storage]);

  const signInDev = useCallback(
    (user: string) => {
      if (state.phase !== 'signedOut') return;
      const info = state.info;
      setState({ phase: 'signedOut', info, busy: user, error: null });
      startDevSession(api, storage, user).then(
        (session) => setState({ phase: 'signedIn', info, session }),
        (error: unknown) =>
          setState({ phase: 'signedOut', info, busy: null, error: messageOf(error) }),
      );
    },
    [api, storage, state],
  );

  const signInEntra = useCallback(() => {
    if (state.phase !== 'signedOut') return;
    const info = state.info;
    const config = entraConfig(info);
    if (!config) return;
    setState({ phase: 'signedOut', info, busy: 'entra', error: null });
    import('./entra-auth.js')
      .then(({ startEntraSession }) => startEntraSession(config, { interactive: true }))
      .then(
        (session) => {
          if (session) setState({ phase: 'signedIn', info, session });
        },
        (error: unknown) =>
          setState({ phase: 'signedOut', info, busy: null, error: messageOf(error) }),
      );
  }, [state]);

  const signOut = useCallback(() => {
    if (state.phase !== 'signedIn') return;
    const { session, info } = state;
    setState({ phase: 'signedOut', info, busy: null, error: null });
    void session.signOut();
  }, [state]);

  const value = useMemo(
    () => ({ state, signInDev, signInEntra, signOut }),
    [state, signInDev, signInEntra, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
