import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { useSignedIn } from '../app/signed-in-context.js';
import type { ClusterTarget } from './ClusterActions.js';
import { FormFeedback } from './FormFeedback.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** "Assign practice": a scenario, to the whole team or chosen reps, due by a date. */
export function AssignPracticeForm({
  target,
  scenarioId,
}: {
  target: ClusterTarget;
  scenarioId: string | null;
}) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scenarios = useQuery(trpc.practice.scenarios.queryOptions());
  const progress = useQuery(trpc.coaching.progress.team.queryOptions({ teamId: target.teamId }));
  const options = (scenarios.data ?? []).filter((s) => s.opportunityId === undefined);
  const [chosen, setChosen] = useState<string | null>(scenarioId);
  const [whole, setWhole] = useState(true);
  const [reps, setReps] = useState<string[]>([]);
  const [due, setDue] = useState(inAWeek);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selected = chosen ?? options[0]?.id ?? '';

  const assign = async () => {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      // The end of the chosen day, in the manager's time zone.
      const dueAt = new Date(`${due}T23:59:00`).toISOString();
      const made = await client.coaching.assignments.create.mutate({
        teamId: target.teamId,
        scenarioId: selected,
        assignees: whole ? { kind: 'team' } : { kind: 'reps', userIds: reps },
        dueAt,
        clusterId: target.clusterId,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.coaching.progress.pathKey() });
      setStatus(
        `Assigned “${made.scenarioTitle}” to ${whole ? `the ${target.teamName} team` : `${reps.length} ${reps.length === 1 ? 'rep' : 'reps'}`}, due ${due}.`,
      );
    } catch (e) {
      setError(readableError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="cluster-form"
      aria-label="Assign practice"
      onSubmit={(e) => {
        e.preventDefault();
        void assign();
      }}
    >
      <label>
        Scenario
        <select value={selected} onChange={(e) => setChosen(e.target.value)}>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Who</legend>
        <label className="inline">
          <input type="radio" name="who" checked={whole} onChange={() => setWhole(true)} />
          The whole {target.teamName} team
        </label>
        <label className="inline">
          <input type="radio" name="who" checked={!whole} onChange={() => setWhole(false)} />
          Chosen reps
        </label>
        {!whole &&
          (progress.data?.reps ?? []).map((r) => (
            <label key={r.userId} className="inline">
              <input
                type="checkbox"
                checked={reps.includes(r.userId)}
                onChange={(e) =>
                  setReps((list) =>
                    e.target.checked ? [...list, r.userId] : list.filter((id) => id !== r.userId),
                  )
                }
              />
              {r.name}
            </label>
          ))}
      </fieldset>
      <label>
        Due date
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} required />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={saving || !selected || (!whole && reps.length === 0)}
        >
          Assign
        </button>
      </div>
      <FormFeedback status={status} error={error} />
    </form>
  );
}
