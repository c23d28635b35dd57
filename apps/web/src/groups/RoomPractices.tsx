import '../styles/room-practice.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { Link, navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { ScenarioChoice } from '../practice/ScenarioPicker.js';

export const roomPracticePath = (groupId: string, practiceId: string) =>
  `/groups/${encodeURIComponent(groupId)}?practice=${encodeURIComponent(practiceId)}`;

/**
 * A room's practice calls: the ones played here (live ones first to watch), and "Start
 * practice" from the library or one of the member's own deals, played in this room.
 */
export function RoomPractices({ groupId }: { groupId: string }) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const practices = useQuery(trpc.practice.room.list.queryOptions({ groupId }));
  const [choosing, setChoosing] = useState(false);
  const scenarios = useQuery({ ...trpc.practice.scenarios.queryOptions(), enabled: choosing });
  const [chosen, setChosen] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = scenarios.data ?? [];
  const selected = chosen ?? options[0]?.id ?? '';

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const practice = await client.practice.room.start.mutate({ groupId, scenarioId: selected });
      await queryClient.invalidateQueries({
        queryKey: trpc.practice.room.list.queryKey({ groupId }),
      });
      navigate(roomPracticePath(groupId, practice.id));
    } catch (e) {
      setError(readableError(e));
      setStarting(false);
    }
  };

  const list = practices.data ?? [];
  return (
    <section className="room-practices" aria-labelledby="room-practices-heading">
      <h2 id="room-practices-heading">Practice</h2>
      {list.length === 0 && <p className="muted small">No practice calls in this room yet.</p>}
      <ul className="room-practice-list">
        {list.map((p) => (
          <li key={p.id}>
            <Link to={roomPracticePath(groupId, p.id)}>
              {p.you.play ? 'You' : p.rep.name}: {p.scenario.title}
            </Link>{' '}
            <span className="muted small">
              {p.status === 'active'
                ? '● live'
                : p.scorecard
                  ? `${p.scorecard.score} / 100`
                  : 'ended'}
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="ghost small"
        aria-expanded={choosing}
        onClick={() => setChoosing((c) => !c)}
      >
        Practise in this room
      </button>
      {choosing && (
        <div className="room-practice-start">
          <ScenarioChoice
            loading={scenarios.isLoading}
            options={options}
            chosen={selected}
            onChoose={setChosen}
            disabled={starting}
          />
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={!selected || starting}
          >
            Start practice
          </button>
        </div>
      )}
      {(error ?? practices.error ?? scenarios.error) && (
        <p className="error small" role="alert">
          {error ?? readableError(practices.error ?? scenarios.error)}
        </p>
      )}
    </section>
  );
}
