import type { ApiClient } from '../api/api-client.js';
import { AuthProvider, useAuth } from '../auth/auth-context.js';
import { SignInPage } from '../auth/SignInPage.js';
import { SignedInApp } from './SignedInApp.js';

function Gate({ urls }: { urls: { http: string; ws: string } }) {
  const { state } = useAuth();
  switch (state.phase) {
    case 'loading':
      return (
        <p className="muted center" role="status">
          Loading SalesCoach…
        </p>
      );
    case 'error':
      return (
        <main className="page" id="main">
          <h1>SalesCoach</h1>
          <p role="alert">{state.message}</p>
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </main>
      );
    case 'signedOut':
      return <SignInPage info={state.info} busy={state.busy} error={state.error} />;
    case 'signedIn':
      return (
        <SignedInApp
          key={state.session.mode}
          session={state.session}
          info={state.info}
          urls={urls}
        />
      );
  }
}

export function App({
  publicApi,
  storage,
  urls,
}: {
  publicApi: ApiClient;
  storage: Storage;
  urls: { http: string; ws: string };
}) {
  return (
    <AuthProvider api={publicApi} storage={storage}>
      <Gate urls={urls} />
    </AuthProvider>
  );
}
