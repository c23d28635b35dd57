import { useEffect, useState } from 'react';
import { useConnectionStatus, type ConnectionStatusStore } from '../api/connection-status.js';

/** Says when the live connection dropped and when it is back; it reconnects by itself. */
export function ConnectionBanner({ store }: { store: ConnectionStatusStore }) {
  const status = useConnectionStatus(store);
  const [showBack, setShowBack] = useState(false);
  const [wasDown, setWasDown] = useState(false);

  useEffect(() => {
    if (status === 'reconnecting') {
      setWasDown(true);
      setShowBack(false);
      return;
    }
    if (status === 'connected' && wasDown) {
      setShowBack(true);
      setWasDown(false);
      const timer = setTimeout(() => setShowBack(false), 3_000);
      return () => clearTimeout(timer);
    }
  }, [status, wasDown]);

  const text =
    status === 'reconnecting'
      ? 'Connection lost. Reconnecting…'
      : showBack
        ? 'Connected again.'
        : '';
  return (
    <div
      className={`connection-banner ${status === 'reconnecting' ? 'down' : showBack ? 'up' : 'hidden'}`}
      role="status"
      aria-live="polite"
      data-connection={status}
    >
      {text}
    </div>
  );
}
