import { useCallback, useEffect, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { Link, navigate } from '../app/router.js';
import '../styles/connections.css';
import { disconnectedText, type ConnectionView } from './connection-view.js';
import type { Connections } from './ConnectionsContext.js';
import { ConnectionRow } from './ConnectionRow.js';
import { forgetReturn, peekReturn } from './return-to.js';

type Notice = { readonly kind: 'done' | 'failed'; readonly text: string };

const SERVER_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * What the OAuth callback said, from the address it sent the browser to:
 * `?connected=<server>` or `?error=<short message>&server=<server>`.
 */
export function callbackNotice(search: string): Notice | null {
  const query = new URLSearchParams(search);
  const connected = query.get('connected');
  if (connected && SERVER_NAME.test(connected))
    return { kind: 'done', text: `${connected} connected` };
  const error = query.get('error')?.trim().slice(0, 300);
  if (!error) return null;
  const server = query.get('server');
  return {
    kind: 'failed',
    text:
      server && SERVER_NAME.test(server)
        ? `Could not connect ${server}: ${error}`
        : `Could not connect: ${error}`,
  };
}

/**
 * `/connections`: the sources that work with each user's own account (MCP servers with
 * `auth: "oauth"` this user's role may use), whether this user has connected each, and
 * "Connect <server>" / "Disconnect". It reads, then clears, what the callback put in the
 * address, and offers the way back to the conversation the user connected from.
 */
export function ConnectionsPage({ connections }: { connections: Connections }) {
  const { port, storage } = connections;
  const [initial] = useState(() => {
    const search = window.location.search;
    const server = new URLSearchParams(search).get('connected');
    return {
      notice: callbackNotice(search),
      back: server ? peekReturn(storage, server) : null,
    };
  });
  const [notice, setNotice] = useState<Notice | null>(initial.notice);
  const [list, setList] = useState<readonly ConnectionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // What the callback said is read once (above): the address and the way back are cleared.
  useEffect(() => {
    if (initial.notice) forgetReturn(storage);
    if (window.location.search) navigate('/connections', { replace: true });
  }, [initial, storage]);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    port.list().then(
      (value) => !cancelled && setList(value),
      (e: unknown) => !cancelled && setError(readableError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [port, attempt]);

  const onDisconnected = useCallback((server: string, revoked: boolean) => {
    setList(
      (rows) =>
        rows?.map((row) =>
          row.server === server
            ? { server, description: row.description, status: 'not_connected' }
            : row,
        ) ?? rows,
    );
    setNotice({ kind: 'done', text: disconnectedText(server, revoked) });
  }, []);

  return (
    <div className="page connections-page">
      <header className="page-header">
        <h1>Connections</h1>
      </header>
      <p className="muted">
        Some sources answer with your own account. Connect one once and the coach uses its tools on
        your behalf; disconnect it to take that access back.
      </p>
      <div role="status" className="connections-notice">
        {notice?.kind === 'done' && (
          <p className="notice-done">
            {notice.text}
            {initial.back && notice === initial.notice && (
              <>
                {' '}
                <Link to={initial.back}>Back to the conversation</Link>
              </>
            )}
          </p>
        )}
      </div>
      {notice?.kind === 'failed' && (
        <p className="error" role="alert">
          {notice.text}
        </p>
      )}
      {error ? (
        <div role="alert" className="connections-error">
          <p className="error">{error}</p>
          <button type="button" className="small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : list === null ? (
        <p className="muted" role="status">
          Loading connections…
        </p>
      ) : list.length === 0 ? (
        <p className="muted">No sources need connecting.</p>
      ) : (
        <ul className="connection-list" aria-label="Sources">
          {list.map((connection) => (
            <ConnectionRow
              key={connection.server}
              connection={connection}
              connections={connections}
              onDisconnected={onDisconnected}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
