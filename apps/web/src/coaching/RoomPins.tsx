import '../styles/coaching.css';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc-react.js';

/** The team FAQ pinned in a room: the viewer's teams of the room's role. */
export function RoomPins({ groupId }: { groupId: string }) {
  const trpc = useTRPC();
  const pins = useQuery(trpc.coaching.pins.forRoom.queryOptions({ groupId }));
  const list = pins.data ?? [];
  if (list.length === 0) return null;
  return (
    <section aria-label="Pinned answers" className="room-pins">
      <details open={list.length <= 2}>
        <summary>
          Pinned answers <span className="muted small">({list.length})</span>
        </summary>
        <ul>
          {list.map((p) => (
            <li key={p.id}>
              <p className="pin-question">{p.question}</p>
              <p className="pin-answer">{p.answer}</p>
              <p className="muted small">Pinned by {p.pinnedBy.name}</p>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
