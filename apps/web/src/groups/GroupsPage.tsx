import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { useUnread } from '../app/read-marks.js';
import { Link, useSearchParam } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { TeamRoomLinks } from '../coaching/TeamRoomLinks.js';
import { CreateGroupForm } from './CreateGroupForm.js';
import { GroupRoom } from './GroupRoom.js';
import { RoomPracticeCall } from './RoomPracticeCall.js';

/** Rooms come and go without a socket per room: the list is read again this often. */
export const ROOM_LIST_REFRESH_MS = 5_000;

/** My rooms (`/groups`), the open one (`/groups/:groupId`) and a practice in it (`?practice=`). */
export function GroupsPage({ groupId }: { groupId: string | null }) {
  const { me } = useSignedIn();
  const trpc = useTRPC();
  // A room someone adds me to, and new messages in the others, show up without a reload.
  const groups = useQuery({
    ...trpc.groups.list.queryOptions(),
    refetchInterval: ROOM_LIST_REFRESH_MS,
  });
  const unread = useUnread(me.id);
  const [creating, setCreating] = useState(false);
  const practiceId = useSearchParam('practice');

  return (
    <div className="chat-layout">
      <aside className={groupId ? 'sidebar' : 'sidebar open'}>
        <nav aria-label="Rooms">
          <button type="button" className="primary new-chat" onClick={() => setCreating(true)}>
            New room
          </button>
          <TeamRoomLinks />
          {groups.isPending && <p className="muted small">Loading…</p>}
          {groups.isError && (
            <p className="error small" role="alert">
              {readableError(groups.error)}
            </p>
          )}
          <ul className="session-list">
            {(groups.data ?? []).map((g) => {
              const count = g.id === groupId ? 0 : unread(g.id, g.lastSeq);
              return (
                <li key={g.id} className={g.id === groupId ? 'active' : undefined}>
                  <Link
                    to={`/groups/${g.id}`}
                    className="session-link"
                    aria-current={g.id === groupId ? 'page' : undefined}
                    onClick={() => setCreating(false)}
                  >
                    {g.name}
                    <span className="muted small"> · {g.members.length}</span>
                  </Link>
                  {count > 0 && (
                    <span className="unread" aria-label={`${count} unread`}>
                      {count > 99 ? '99+' : count}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {groups.data?.length === 0 && <p className="muted small">You are in no rooms yet.</p>}
        </nav>
      </aside>
      {creating ? (
        <section className="conversation padded" aria-label="New room">
          <CreateGroupForm onDone={() => setCreating(false)} />
        </section>
      ) : groupId && practiceId ? (
        <RoomPracticeCall key={practiceId} groupId={groupId} practiceId={practiceId} />
      ) : groupId ? (
        <GroupRoom key={groupId} groupId={groupId} />
      ) : (
        <section className="conversation padded" aria-label="Rooms">
          <div className="welcome">
            <h1>Rooms</h1>
            <p className="muted">
              Talk with your team in real time; the coach joins when you write @coach.
            </p>
          </div>
        </section>
      )}
    </div>
  );
}
