import '../styles/coaching.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { FormFeedback } from './FormFeedback.js';

/** One button per team the user is on: opens (and joins) the team's room. */
export function TeamRoomLinks() {
  const { me, client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  if (me.teams.length === 0) return null;
  const open = async (teamId: string) => {
    setError(null);
    try {
      const room = await client.coaching.teamRoom.join.mutate({ teamId });
      await queryClient.invalidateQueries({ queryKey: trpc.groups.list.queryKey() });
      navigate(`/groups/${encodeURIComponent(room.id)}`);
    } catch (e) {
      setError(readableError(e));
    }
  };
  return (
    <div className="team-rooms">
      {me.teams.map((t) => (
        <button key={t.id} type="button" className="ghost small" onClick={() => void open(t.id)}>
          Open {t.name} team room
        </button>
      ))}
      <FormFeedback error={error} />
    </div>
  );
}
