import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc-react.js';
import { Link } from '../app/router.js';
import { CreateGroupForm } from './CreateGroupForm.js';
import { GroupRoom } from './GroupRoom.js';

/** My group rooms (`/groups`) and the open one (`/groups/:groupId`). */
export function GroupsPage({ groupId }: { groupId: string | null }) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const [creating, setCreating] = useState(false);

  return (
    <div className="chat-layout">
      <aside className={groupId ? 'sidebar' : 'sidebar open'}>
        <nav aria-label="Groups">
          <button type="button" className="primary new-chat" onClick={() => setCreating(true)}>
            New group
          </button>
          {groups.isPending && <p className="muted small">Loading…</p>}
          {groups.isError && (
            <p className="error small" role="alert">
              {groups.error.message}
            </p>
          )}
          <ul className="session-list">
            {(groups.data ?? []).map((g) => (
              <li key={g.id} className={g.id === groupId ? 'active' : undefined}>
                <Link
                  to={`/groups/${g.id}`}
                  className="session-link"
                  aria-current={g.id === groupId ? 'page' : undefined}
                >
                  {g.name}
                  <span className="muted small"> · {g.members.length}</span>
                </Link>
              </li>
            ))}
          </ul>
          {groups.data?.length === 0 && <p className="muted small">You are in no groups yet.</p>}
        </nav>
      </aside>
      {creating ? (
        <section className="conversation padded">
          <CreateGroupForm onDone={() => setCreating(false)} />
        </section>
      ) : groupId ? (
        <GroupRoom key={groupId} groupId={groupId} />
      ) : (
        <section className="conversation padded">
          <div className="welcome">
            <h1>Groups</h1>
            <p className="muted">
              Talk with your team in real time; the coach joins when you write @coach.
            </p>
          </div>
        </section>
      )}
    </div>
  );
}
