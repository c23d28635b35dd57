import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
} from '@azure/msal-browser';
import { renewalDelay, type AuthSession } from './auth-session.js';

export interface EntraConfig {
  readonly clientId: string;
  readonly tenantId: string;
  /** The API's scope, e.g. api://<app id>/access_as_user. */
  readonly scope: string;
}

/**
 * Entra ID with MSAL's redirect flow. Loaded on demand (dev mode never downloads MSAL).
 * Returns a session when an account is signed in, or null after starting the redirect.
 */
export async function startEntraSession(
  config: EntraConfig,
  options: { interactive: boolean },
): Promise<AuthSession | null> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      redirectUri: window.location.origin,
      postLogoutRedirectUri: window.location.origin,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const redirect = await msal.handleRedirectPromise();
  const account: AccountInfo | null =
    redirect?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  const scopes = [config.scope];
  if (!account) {
    if (options.interactive)
      await msal.loginRedirect({ scopes, redirectStartPage: window.location.href });
    return null;
  }
  msal.setActiveAccount(account);

  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let signedOut = false;

  const acquire = async (): Promise<AuthenticationResult | null> => {
    try {
      return await msal.acquireTokenSilent({ scopes, account });
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        await msal.acquireTokenRedirect({ scopes, account });
        return null;
      }
      throw error;
    }
  };
  const schedule = (result: AuthenticationResult | null) => {
    const expiresAt = result?.expiresOn?.getTime();
    if (!expiresAt || signedOut) return;
    timer = setTimeout(
      () => {
        // Silent renewal ahead of expiry; the socket reconnects with the fresh token.
        void msal
          .acquireTokenSilent({ scopes, account, forceRefresh: true })
          .then((renewed) => {
            for (const listener of listeners) listener();
            schedule(renewed);
          })
          .catch(() =>
            schedule({
              ...(result as AuthenticationResult),
              expiresOn: new Date(Date.now() + 70_000),
            }),
          );
      },
      renewalDelay(expiresAt, Date.now()),
    );
  };
  schedule(await acquire());

  const dispose = () => {
    clearTimeout(timer);
    listeners.clear();
  };
  return {
    mode: 'entra',
    getToken: async () => (signedOut ? null : ((await acquire())?.accessToken ?? null)),
    onRenewed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async renewNow() {
      if (signedOut) return;
      clearTimeout(timer);
      const renewed = await msal.acquireTokenSilent({ scopes, account, forceRefresh: true });
      for (const listener of listeners) listener();
      schedule(renewed);
    },
    async signOut() {
      signedOut = true;
      dispose();
      await msal.logoutRedirect({ account });
    },
    dispose,
  };
}
