import {
  useCallback,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from 'react';

/**
 * A small history-API router (the app has five routes; a router library would cost more
 * than the screens it serves). Deep links work because nginx and Vite fall back to index.html.
 */

const NAVIGATE_EVENT = 'salescoach:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentPath = () => window.location.pathname;

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

const currentSearch = () => window.location.search;

/** One query-string parameter of the current URL (null when absent). */
export function useSearchParam(name: string): string | null {
  const search = useSyncExternalStore(subscribe, currentSearch, () => '');
  return new URLSearchParams(search).get(name);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export type Route =
  | { name: 'chat'; sessionId: string | null }
  | { name: 'groups'; groupId: string | null }
  | { name: 'insights' }
  | { name: 'approvals' }
  | { name: 'connections' }
  | { name: 'practice'; practiceId: string | null }
  | { name: 'signin' }
  | { name: 'home' }
  | { name: 'notFound' };

/** Maps a path to a route; ids are opaque and URL-decoded. */
export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, extra] = parts;
  if (extra !== undefined) return { name: 'notFound' };
  switch (head) {
    case undefined:
      return { name: 'home' };
    case 'chat':
      return { name: 'chat', sessionId: id ?? null };
    case 'groups':
      return { name: 'groups', groupId: id ?? null };
    case 'practice':
      return { name: 'practice', practiceId: id ?? null };
    case 'insights':
      return id === undefined ? { name: 'insights' } : { name: 'notFound' };
    case 'approvals':
      return id === undefined ? { name: 'approvals' } : { name: 'notFound' };
    case 'connections':
      return id === undefined ? { name: 'connections' } : { name: 'notFound' };
    case 'signin':
      return id === undefined ? { name: 'signin' } : { name: 'notFound' };
    default:
      return { name: 'notFound' };
  }
}

export function useRoute(): Route {
  return matchRoute(usePath());
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (open in new tab works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      navigate(to);
    },
    [onClick, to],
  );
  return <a href={to} onClick={handle} {...rest} />;
}
