import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { useSignedIn } from '../app/signed-in-context.js';
import type { ClusterTarget } from './ClusterActions.js';
import { FormFeedback } from './FormFeedback.js';

/** "Make a scenario": a practice scenario prefilled from the question, edited and saved for the team. */
export function MakeScenarioForm({
  target,
  onSaved,
}: {
  target: ClusterTarget;
  onSaved: (scenarioId: string) => void;
}) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const draft = useQuery(
    trpc.coaching.scenarios.draft.queryOptions({
      teamId: target.teamId,
      question: target.question,
      examples: [...target.examples].slice(0, 5),
    }),
  );
  const [title, setTitle] = useState('');
  const [brief, setBrief] = useState('');
  const [opening, setOpening] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!draft.data) return;
    setTitle(draft.data.title);
    setBrief(draft.data.brief);
    setOpening(draft.data.persona.opening);
  }, [draft.data]);

  const save = async () => {
    if (!draft.data) return;
    setSaving(true);
    setError(null);
    try {
      const made = await client.coaching.scenarios.create.mutate({
        teamId: target.teamId,
        clusterId: target.clusterId,
        scenario: {
          ...draft.data,
          title,
          brief,
          persona: { ...draft.data.persona, opening },
        },
      });
      await queryClient.invalidateQueries({ queryKey: trpc.practice.scenarios.queryKey() });
      onSaved(made.scenario.id);
    } catch (e) {
      setError(readableError(e));
    } finally {
      setSaving(false);
    }
  };

  if (draft.isError)
    return (
      <p className="error small" role="alert">
        {readableError(draft.error)}
      </p>
    );
  if (!draft.data)
    return (
      <p className="muted small" role="status">
        Preparing a scenario…
      </p>
    );
  return (
    <form
      className="cluster-form"
      aria-label="Make a scenario"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="muted small">
        A {draft.data.kind} call with {draft.data.persona.name}, {draft.data.persona.title} at{' '}
        {draft.data.persona.company}; scored against {draft.data.methodology.join(', ')}.
      </p>
      <label>
        Title
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Brief for the rep
        <textarea
          value={brief}
          rows={3}
          maxLength={600}
          onChange={(e) => setBrief(e.target.value)}
        />
      </label>
      <label>
        The buyer&apos;s opening line
        <textarea
          value={opening}
          rows={2}
          maxLength={600}
          onChange={(e) => setOpening(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving || !title.trim()}>
          Save scenario
        </button>
      </div>
      <FormFeedback error={error} />
    </form>
  );
}
