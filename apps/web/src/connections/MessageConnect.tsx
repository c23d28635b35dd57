import type { Message } from '@salescoach/domain';
import { useSyncExternalStore } from 'react';
import { ConnectButton } from './ConnectButton.js';
import { serversToConnect } from './connect-requests.js';
import { useConnections } from './ConnectionsContext.js';
import { KnownConnections } from './known-connections.js';

const NOBODY = new KnownConnections();

/**
 * Beside a coach message that says `Connect <server> to use its tools`: the button that
 * starts connecting that server for the reader, in chat and in rooms (unless this tab has
 * seen it connected since).
 */
export function MessageConnect({
  message,
}: {
  message: Pick<Message, 'content' | 'toolCalls' | 'error'>;
}) {
  const connections = useConnections();
  const known = connections?.known ?? NOBODY;
  useSyncExternalStore(known.subscribe, known.snapshot);
  // Once this tab has seen the server connected, the old request needs no button.
  const servers = serversToConnect(message).filter((s) => known.status(s) !== 'connected');
  if (!connections || servers.length === 0) return null;
  return (
    <div className="message-connect">
      {servers.map((server) => (
        <ConnectButton key={server} server={server} connections={connections} />
      ))}
    </div>
  );
}
