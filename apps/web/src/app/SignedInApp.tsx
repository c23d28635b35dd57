import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  createSignedInClient,
  reconnectWithFreshToken,
  type ApiClient,
  type WsClient,
} from '../api/api-client.js';
import { watchConnection, type ConnectionStatusStore } from '../api/connection-status.js';
import { TRPCProvider, type AuthInfo, type Me } from '../api/trpc-react.js';
import { readableError } from '../api/readable-error.js';
import type { AuthSession } from '../auth/auth-session.js';
import { ChatPage } from '../chat/ChatPage.js';
import { DealPracticeActions } from '../practice/DealPracticeActions.js';
import { navigate, useRoute } from './router.js';
import { Shell } from './Shell.js';
import { canSeeApprovals, canSeeInsights, SignedInContext } from './signed-in-context.js';
import { approvalsPort } from '../approvals/approvals-port.js';
import { ApprovalsProvider } from '../approvals/ApprovalsProvider.js';
import { ConnectionsProvider } from '../connections/ConnectionsProvider.js';

// Screens most people open less often load on demand.
const GroupsPage = lazy(() =>
  import('../groups/GroupsPage.js').then((m) => ({ default: m.GroupsPage })),
);
const PracticePage = lazy(() =>
  import('../practice/PracticePage.js').then((m) => ({ default: m.PracticePage })),
);
const ApprovalsScreen = lazy(() =>
  import('../approvals/ApprovalsScreen.js').then((m) => ({ default: m.ApprovalsScreen })),
);
const ConnectionsScreen = lazy(() =>
  import('../connections/ConnectionsScreen.js').then((m) => ({ default: m.ConnectionsScreen })),
);
const InsightsPage = lazy(() =>
  import('../insights/InsightsPage.js').then((m) => ({ default: m.InsightsPage })),
);

interface Kit {
  readonly client: ApiClient;
  readonly ws: WsClient;
  readonly connection: ConnectionStatusStore;
  readonly queryClient: QueryClient;
  readonly renewToken: () => void;
}

function Screens({ me }: { me: Me }) {
  const route = useRoute();
  useEffect(() => {
    if (route.name === 'home' || route.name === 'signin') navigate('/chat', { replace: true });
  }, [route.name]);

  let screen;
  switch (route.name) {
    case 'groups':
      screen = <GroupsPage groupId={route.groupId} />;
      break;
    case 'practice':
      screen = <PracticePage practiceId={route.practiceId} />;
      break;
    case 'insights':
      screen = canSeeInsights(me) ? (
        <InsightsPage />
      ) : (
        <div className="page">
          <h1>Insights</h1>
          <p role="alert">Insights are for managers.</p>
        </div>
      );
      break;
    case 'approvals':
      screen = <ApprovalsScreen />;
      break;
    case 'connections':
      screen = <ConnectionsScreen />;
      break;
    case 'notFound':
      screen = (
        <div className="page">
          <h1>Not found</h1>
          <p>There is nothing at this address.</p>
        </div>
      );
      break;
    case 'chat':
      screen = <ChatPage sessionId={route.sessionId} />;
      break;
    default:
      screen = <ChatPage sessionId={null} />;
  }
  return (
    <Shell route={route}>
      <Suspense fallback={<p className="muted center">Loading…</p>}>{screen}</Suspense>
    </Shell>
  );
}

/** The tab's approvals (list, live events, badge) for those who may have any. */
function MaybeApprovals({
  me,
  client,
  renewToken,
  children,
}: {
  me: Me;
  client: ApiClient;
  renewToken: () => void;
  children: ReactNode;
}) {
  const port = useMemo(() => approvalsPort(client), [client]);
  if (!canSeeApprovals(me)) return children;
  return (
    <ApprovalsProvider port={port} onUnauthorized={renewToken}>
      {children}
    </ApprovalsProvider>
  );
}

/** Everything behind sign-in: one API client and one socket for this identity. */
export function SignedInApp({
  session,
  info,
  urls,
}: {
  session: AuthSession;
  info: AuthInfo;
  urls: { http: string; ws: string };
}) {
  const [kit, setKit] = useState<Kit | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const { client, ws } = createSignedInClient({ urls, getToken: () => session.getToken() });
    const connection = watchConnection(ws);
    const queryClient = new QueryClient({
      defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: 1 } },
    });
    const renewToken = () => void session.renewNow().catch(() => undefined);
    setKit({ client, ws, connection, queryClient, renewToken });
    const offRenewed = session.onRenewed(() => reconnectWithFreshToken(ws));
    let cancelled = false;
    client.me.get.query().then(
      (value) => !cancelled && setMe(value),
      (err: unknown) => !cancelled && setError(readableError(err)),
    );
    return () => {
      cancelled = true;
      offRenewed();
      connection.dispose();
      queryClient.clear();
      void ws.close();
    };
  }, [session, urls]);

  if (error) {
    return (
      <main className="page" id="main">
        <h1>SalesCoach</h1>
        <p role="alert">{error}</p>
      </main>
    );
  }
  if (!kit || !me) {
    return (
      <p className="muted center" role="status">
        Loading…
      </p>
    );
  }
  return (
    <QueryClientProvider client={kit.queryClient}>
      <TRPCProvider trpcClient={kit.client} queryClient={kit.queryClient}>
        <SignedInContext.Provider
          value={{
            me,
            client: kit.client,
            connection: kit.connection,
            info,
            renewToken: kit.renewToken,
          }}
        >
          <ConnectionsProvider client={kit.client}>
            <MaybeApprovals me={me} client={kit.client} renewToken={kit.renewToken}>
              <DealPracticeActions>
                <Screens me={me} />
              </DealPracticeActions>
            </MaybeApprovals>
          </ConnectionsProvider>
        </SignedInContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
