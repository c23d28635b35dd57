import { ConnectionsPage } from './ConnectionsPage.js';
import { useConnections } from './ConnectionsContext.js';

/** `/connections` for the signed-in user. */
export function ConnectionsScreen() {
  const connections = useConnections();
  if (!connections)
    return (
      <div className="page">
        <h1>Connections</h1>
        <p role="alert">Sign in to connect your sources.</p>
      </div>
    );
  return <ConnectionsPage connections={connections} />;
}
