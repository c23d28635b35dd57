import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type Session } from '../api/trpc-react.js';

/** Renames a conversation in place (Esc or Cancel leaves it as it was). */
export function RenameForm({ session, onDone }: { session: Session; onDone: () => void }) {
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
