import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { useSignedIn } from '../app/signed-in-context.js';
import type { ClusterTarget } from './ClusterActions.js';
import { FormFeedback } from './FormFeedback.js';

/** "Pin an answer": write it, or have the coach draft it from the tools, then pin it for the team. */
export function PinAnswerForm({ target }: { target: ClusterTarget }) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState<'draft' | 'pin' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (kind: 'draft' | 'pin', work: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (e) {
      setError(readableError(e));
    } finally {
      setBusy(null);
    }
  };
  const draft = () =>
    run('draft', async () => {
      const drafted = await client.coaching.pins.draft.mutate({
        teamId: target.teamId,
        question: target.question,
      });
      setAnswer(drafted.answer);
      setStatus('The coach drafted an answer. Edit it, then pin it.');
    });
  const pin = () =>
    run('pin', async () => {
      await client.coaching.pins.create.mutate({
        teamId: target.teamId,
        question: target.question,
        answer,
        clusterId: target.clusterId,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.coaching.pins.pathKey() });
      setStatus(
        `Pinned for ${target.teamName}. The team sees it in its rooms and the coach uses it.`,
      );
    });

  return (
    <form
      className="cluster-form"
      aria-label="Pin an answer"
      onSubmit={(e) => {
        e.preventDefault();
        void pin();
      }}
    >
      <label>
        Answer for “{target.question}”
        <textarea
          value={answer}
          rows={5}
          maxLength={4000}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="button" onClick={() => void draft()} disabled={busy !== null}>
          {busy === 'draft' ? 'Drafting…' : 'Draft with the coach'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null || !answer.trim()}>
          Pin answer
        </button>
      </div>
      <FormFeedback status={status} error={error} />
    </form>
  );
}
