import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC, type Session } from '../api/trpc-react.js';
import { Link, navigate } from '../app/router.js';

function RenameForm({ session, onDone }: { session: Session; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(session.title);
  const rename = useMutation(
    trpc.chat.sessions.rename.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.chat.sessions.list.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim())
      rename.mutate({ sessionId: session.id, title: title.trim() }, { onSuccess: onDone });
  };
  return (
    <form className="rename" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={`rename-${session.id}`}>
        Conversation title
      </label>
      <input
        id={`rename-${session.id}`}
        value={title}
        maxLength={120}
        autoFocus
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <button type="submit" className="small" disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className="ghost small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

/** The user's conversations, newest first; titles arrive live from session.updated. */
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
  const sessions = useQuery(trpc.chat.sessions.list.queryOptions());
  const [renaming, setRenaming] = useState<string | null>(null);
  const remove = useMutation(
    trpc.chat.sessions.delete.mutationOptions({
      onSuccess: (_data, input) => {
        void queryClient.invalidateQueries({ queryKey: trpc.chat.sessions.list.queryKey() });
        if (input.sessionId === activeId) navigate('/chat', { replace: true });
      },
    }),
  );
  const setPrivate = useMutation(
    trpc.chat.sessions.setPrivate.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.chat.sessions.list.queryKey() }),
    }),
  );
  const list = [...(sessions.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

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
        <ul className="session-list">
          {list.map((s) => (
            <li key={s.id} className={s.id === activeId ? 'active' : undefined}>
              {renaming === s.id ? (
                <RenameForm session={s} onDone={() => setRenaming(null)} />
              ) : (
                <>
                  <Link
                    to={`/chat/${s.id}`}
                    aria-current={s.id === activeId ? 'page' : undefined}
                    onClick={onNavigate}
                    className="session-link"
                  >
                    {s.private && (
                      <span className="private-mark" title="Private: kept out of insights">
                        🔒{' '}
                      </span>
                    )}
                    {s.title}
                  </Link>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="ghost icon small"
                      aria-label={`Private: ${s.title}`}
                      aria-pressed={s.private}
                      title={
                        s.private
                          ? 'Private: kept out of team insights (click to share again)'
                          : 'Make private: keep this conversation out of team insights'
                      }
                      disabled={setPrivate.isPending}
                      onClick={() => setPrivate.mutate({ sessionId: s.id, private: !s.private })}
                    >
                      {s.private ? '🔒' : '🔓'}
                    </button>
                    <button
                      type="button"
                      className="ghost icon small"
                      aria-label={`Rename ${s.title}`}
                      title="Rename"
                      onClick={() => setRenaming(s.id)}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      className="ghost icon small"
                      aria-label={`Delete ${s.title}`}
                      title="Delete"
                      onClick={() => {
                        if (window.confirm(`Delete "${s.title}"? This cannot be undone.`))
                          remove.mutate({ sessionId: s.id });
                      }}
                    >
                      ✕
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
        {sessions.data?.length === 0 && <p className="muted small">No conversations yet.</p>}
      </nav>
    </aside>
  );
}
