import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { markRead, readMarkOf, useUnread } from '../app/read-marks.js';
import { Link, navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { groupSessions } from './session-groups.js';
import { SessionRow } from './SessionRow.js';

const SESSIONS_REFRESH_MS = 10_000;

/**
 * The user's conversations: pinned first, then by last activity (Today, Yesterday, …);
 * titles arrive live from session.updated.
 */
export function SessionSidebar({
  activeId,
  open,
  onNavigate,
}: {
  activeId: string | null;
  open: boolean;
  onNavigate: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { me } = useSignedIn();
  // Read again now and then: answers finish in other conversations too.
  const sessions = useQuery({
    ...trpc.chat.sessions.list.queryOptions(),
    refetchInterval: SESSIONS_REFRESH_MS,
  });
  const unread = useUnread(me.id);
  // A session this browser has never shown counts as read up to where it is now.
  useEffect(() => {
    for (const s of sessions.data ?? [])
      if (readMarkOf(me.id, s.id) === undefined) markRead(me.id, s.id, s.lastSeq);
  }, [me.id, sessions.data]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.chat.sessions.list.queryKey() });
  const remove = useMutation(
    trpc.chat.sessions.delete.mutationOptions({
      onSuccess: (_data, input) => {
        void refresh();
        if (input.sessionId === activeId) navigate('/chat', { replace: true });
      },
    }),
  );
  const setPrivate = useMutation(
    trpc.chat.sessions.setPrivate.mutationOptions({ onSuccess: refresh }),
  );
  const setPinned = useMutation(
    trpc.chat.sessions.setPinned.mutationOptions({ onSuccess: refresh }),
  );
  const groups = groupSessions(sessions.data ?? [], new Date());
  const failure = setPinned.error ?? setPrivate.error ?? remove.error;

  return (
    <aside className={open ? 'sidebar open' : 'sidebar'}>
      <nav aria-label="Conversations">
        <Link to="/chat" className="button primary new-chat" onClick={onNavigate}>
          New conversation
        </Link>
        {sessions.isPending && <p className="muted small">Loading…</p>}
        {sessions.isError && (
          <p className="error small" role="alert">
            {readableError(sessions.error)}
          </p>
        )}
        {failure && (
          <p className="error small" role="alert">
            {readableError(failure)}
          </p>
        )}
        {groups.map((group) => (
          <section key={group.label} className="session-group" aria-label={group.label}>
            <h2 className="session-group-label">{group.label}</h2>
            <ul className="session-list">
              {group.sessions.map((s) => (
                <SessionRow
                  key={s.id}
                  session={s}
                  active={s.id === activeId}
                  unread={unread(s.id, s.lastSeq)}
                  onNavigate={onNavigate}
                  actions={{
                    renaming: renaming === s.id,
                    busy: setPinned.isPending || setPrivate.isPending,
                    startRename: () => setRenaming(s.id),
                    endRename: () => setRenaming(null),
                    setPinned: (pinned) => setPinned.mutate({ sessionId: s.id, pinned }),
                    setPrivate: (isPrivate) =>
                      setPrivate.mutate({ sessionId: s.id, private: isPrivate }),
                    remove: () => remove.mutate({ sessionId: s.id }),
                  }}
                />
              ))}
            </ul>
          </section>
        ))}
        {sessions.data?.length === 0 && <p className="muted small">No conversations yet.</p>}
      </nav>
    </aside>
  );
}
