import '../styles/coaching.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { FormFeedback } from './FormFeedback.js';

const STATUS: Record<'open' | 'overdue' | 'done', string> = {
  open: 'to do',
  overdue: 'overdue',
  done: 'done',
};

/** What the rep's managers assigned them, with due dates; one click starts the practice. */
export function AssignedPractice({ teamId }: { teamId?: string }) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.coaching.assignments.mine.queryOptions());
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = (mine.data ?? []).filter((a) => teamId === undefined || a.teamId === teamId);
  if (list.length === 0) return null;

  const start = async (assignmentId: string, scenarioId: string) => {
    setStarting(assignmentId);
    setError(null);
    try {
      const practice = await client.practice.start.mutate({ scenarioId });
      await queryClient.invalidateQueries({ queryKey: trpc.practice.list.queryKey() });
      navigate(`/practice/${encodeURIComponent(practice.id)}`);
    } catch (e) {
      setError(readableError(e));
      setStarting(null);
    }
  };

  return (
    <section aria-label="Assigned to you" className="assigned-practice">
      <h2>Assigned to you</h2>
      <ul>
        {list.map((a) => (
          <li key={a.id} className={`assignment ${a.status}`}>
            <span className="assignment-title">{a.scenarioTitle}</span>{' '}
            <span className="muted small">
              {a.teamName} · from {a.assignedBy} · due {new Date(a.dueAt).toLocaleDateString()} ·{' '}
              <span className="badge">{STATUS[a.status]}</span>
              {a.score !== undefined && ` · score ${a.score}`}
            </span>{' '}
            {a.status !== 'done' && (
              <button
                type="button"
                className="primary small"
                aria-label={`Start ${a.scenarioTitle}`}
                disabled={starting !== null}
                onClick={() => void start(a.id, a.scenarioId)}
              >
                {starting === a.id ? 'Starting…' : 'Start'}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormFeedback error={error} />
    </section>
  );
}
