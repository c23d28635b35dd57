import { useState, type ReactNode } from 'react';
import { useAuth } from '../auth/auth-context.js';
import { Avatar } from '../conversation/Avatar.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { PlugIcon, SearchIcon } from './icons.js';
import { useKeyboardShortcuts } from './keyboard-shortcuts.js';
import { SearchDialog } from '../search/SearchDialog.js';
import { NotificationsToggle } from '../notifications/NotificationsToggle.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Link, navigate, type Route } from './router.js';
import { ApprovalsNavLink } from '../approvals/ApprovalsNavLink.js';
import { canPractise, canSeeApprovals, canSeeInsights, useSignedIn } from './signed-in-context.js';

/** The frame around every signed-in screen: navigation, who is signed in, the connection. */
export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const { me, connection, info } = useSignedIn();
  const { signOut } = useAuth();
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  const [help, setHelp] = useState(false);
  const [searching, setSearching] = useState(false);
  useKeyboardShortcuts({
    newChat: () => navigate('/chat'),
    help: () => setHelp(true),
    search: () => setSearching(true),
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/chat" className="brand" aria-label="SalesCoach home">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>SalesCoach</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link to="/chat" aria-current={current('chat')}>
            Chat
          </Link>
          <Link to="/groups" aria-current={current('groups')}>
            Rooms
          </Link>
          {canPractise(me) && (
            <Link to="/practice" aria-current={current('practice')}>
              Practice
            </Link>
          )}
          {canSeeApprovals(me) && (
            <ApprovalsNavLink viewer={me} current={route.name === 'approvals'} />
          )}
          {canSeeInsights(me) && (
            <Link to="/insights" aria-current={current('insights')}>
              Insights
            </Link>
          )}
        </nav>
        <button
          type="button"
          className="ghost small search-button"
          aria-keyshortcuts="Control+K"
          onClick={() => setSearching(true)}
        >
          <SearchIcon /> <span className="icon-label">Search</span>{' '}
          <kbd aria-hidden="true">Ctrl K</kbd>
        </button>
        <div className="whoami">
          <NotificationsToggle />
          {info.model.provider === 'offline' && (
            <span
              className="badge badge-offline"
              title="No LLM is configured: answers are built from tool results"
            >
              offline model
            </span>
          )}
          <Avatar name={me.name} />
          <span className="whoami-name">
            {me.name}
            <span className="muted small"> · {me.roles.join(', ')}</span>
          </span>
          <Link
            to="/connections"
            className="button ghost small"
            aria-current={current('connections')}
            title="Sources you connect with your own account"
          >
            <PlugIcon /> <span className="icon-label">Connections</span>
          </Link>
          <button
            type="button"
            className="ghost small"
            onClick={() => {
              signOut();
              navigate('/signin');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner store={connection} />
      <main id="main" className="main">
        {children}
      </main>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <SearchDialog open={searching} onClose={() => setSearching(false)} />
    </div>
  );
}
