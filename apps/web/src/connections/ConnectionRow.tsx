import { useEffect, useId, useRef, useState } from 'react';
import { usePendingAction } from '../api/use-pending-action.js';
import { ConnectButton } from './ConnectButton.js';
import { statusText, type ConnectionView } from './connection-view.js';
import type { Connections } from './ConnectionsContext.js';

/**
 * One server on the Connections page: what it is, whether this user has connected it, and
 * "Connect <server>" or "Disconnect" (which asks first).
 */
export function ConnectionRow({
  connection,
  connections,
  onDisconnected,
}: {
  connection: ConnectionView;
  connections: Connections;
  onDisconnected: (server: string, revoked: boolean) => void;
}) {
  const { server, description, status, scope } = connection;
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = usePendingAction();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const connectRef = useRef<HTMLButtonElement>(null);
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const wasConnected = useRef(status === 'connected');

  const wasConfirming = useRef(false);
  // Asking moves the focus to "Cancel"; cancelling puts it back on "Disconnect".
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) disconnectRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  // After a disconnect the focus goes to the button that takes its place.
  useEffect(() => {
    if (wasConnected.current && status !== 'connected') connectRef.current?.focus();
    wasConnected.current = status === 'connected';
  }, [status]);

  const disconnect = async () => {
    let revoked = false;
    const ok = await run(async () => {
      ({ revoked } = await connections.port.disconnect(server));
    });
    if (!ok) return;
    setConfirming(false);
    onDisconnected(server, revoked);
  };

  return (
    <li className={`connection-row connection-${status}`}>
      <div role="group" aria-labelledby={headingId} className="connection-body">
        <div className="connection-text">
          <h2 id={headingId} className="connection-name">
            {server}
          </h2>
          <p className="connection-description">{description}</p>
          <p className="connection-status small">
            <span className="connection-dot" aria-hidden="true" />
            {statusText(connection)}
            {status === 'connected' && scope ? (
              <span className="muted"> · access: {scope}</span>
            ) : null}
          </p>
        </div>
        <div className="connection-actions">
          {status !== 'connected' ? (
            <ConnectButton ref={connectRef} server={server} connections={connections} primary />
          ) : confirming ? (
            <div className="connection-confirm" role="group" aria-label={`Disconnect ${server}?`}>
              <p className="small">
                Disconnect {server}? The coach stops using its tools for you and SalesCoach gives
                back its access.
              </p>
              <div className="form-actions">
                <button
                  type="button"
                  className="danger small"
                  disabled={busy}
                  onClick={() => void disconnect()}
                >
                  Yes, disconnect
                </button>
                <button
                  ref={cancelRef}
                  type="button"
                  className="small"
                  disabled={busy}
                  onClick={() => setConfirming(false)}
                >
                  Cancel
                </button>
              </div>
              {error && (
                <p className="error small" role="alert">
                  {error}
                </p>
              )}
            </div>
          ) : (
            <button
              ref={disconnectRef}
              type="button"
              className="small"
              onClick={() => setConfirming(true)}
            >
              Disconnect
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
