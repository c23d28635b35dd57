import { forwardRef, useId, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { isWebUrl } from './connection-view.js';
import type { Connections } from './ConnectionsContext.js';
import { rememberReturn } from './return-to.js';

/**
 * "Connect <server>": asks the API for the server's authorization page and goes there (a
 * full-page navigation; the callback brings the browser back to /connections). The page
 * the user was on is remembered so they can go back to it.
 */
export const ConnectButton = forwardRef<
  HTMLButtonElement,
  { server: string; connections: Connections; primary?: boolean }
>(function ConnectButton({ server, connections, primary = false }, ref) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      const { authorizationUrl } = await connections.port.connect(server);
      if (!isWebUrl(authorizationUrl))
        throw new Error(`${server} gave an authorization address that is not a web page.`);
      rememberReturn(
        connections.storage,
        server,
        window.location.pathname + window.location.search,
      );
      connections.leaveFor(authorizationUrl);
    } catch (e) {
      setError(readableError(e));
      setBusy(false);
    }
  };
  return (
    <span className="connect-action">
      <button
        ref={ref}
        type="button"
        className={primary ? 'primary small' : 'small'}
        disabled={busy}
        aria-busy={busy || undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={() => void connect()}
      >
        {`Connect ${server}`}
      </button>
      {error && (
        <span id={errorId} className="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
});
