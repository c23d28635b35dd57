import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { useTRPC } from '../api/trpc-react.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { AssignedPractice } from '../coaching/AssignedPractice.js';
import { PracticeHistory } from './PracticeHistory.js';
import { ScenarioChoice } from './ScenarioPicker.js';

type StartInput = { scenarioId: string } | { opportunityId: string };

/**
 * `/practice`: the scenario library, "from your deals", "Start practice" and the rep's
 * history. `?deal=<opportunityId>` chooses that deal; with `&start=1` (the "Practise this
 * deal" action) the practice starts at once.
 */
export function PracticeHome({ deal, autoStart }: { deal: string | null; autoStart: boolean }) {
  const { client } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scenarios = useQuery(trpc.practice.scenarios.queryOptions());
  const history = useQuery(trpc.practice.list.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const autoStarted = useRef(false);

  const options = scenarios.data ?? [];
  const dealOption = deal ? options.find((s) => s.opportunityId === deal) : undefined;
  const selected = chosen ?? dealOption?.id ?? options[0]?.id ?? '';

  const start = async (input: StartInput) => {
    setStarting(true);
    setError(null);
    try {
      const practice = await client.practice.start.mutate(input);
      await queryClient.invalidateQueries({ queryKey: trpc.practice.list.queryKey() });
      // Replace: a reload or Back never starts the practice a second time.
      navigate(`/practice/${encodeURIComponent(practice.id)}`, { replace: autoStart });
    } catch (e) {
      setError(readableError(e));
      setStarting(false);
      if (autoStart && deal)
        navigate(`/practice?deal=${encodeURIComponent(deal)}`, { replace: true });
    }
  };

  useEffect(() => {
    if (!autoStart || !deal || autoStarted.current) return;
    autoStarted.current = true;
    void start({ opportunityId: deal });
    // Once per visit of the link (start itself changes on every render).
  }, [autoStart, deal]);

  return (
    <div className="page practice-home">
      <header className="page-header">
        <h1>Practice</h1>
      </header>
      <p className="muted">
        Play a call against a buyer from the library or from one of your own deals. The buyer keeps
        some facts to themselves until you ask the right questions. End the call to get a scorecard
        against the team&apos;s method, with the words you said as evidence.
      </p>
      <AssignedPractice />
      <section aria-label="Start a practice" className="practice-start">
        <ScenarioChoice
          loading={scenarios.isLoading}
          options={options}
          chosen={selected}
          onChoose={setChosen}
          disabled={starting}
        />
        <div className="practice-start-actions">
          <button
            type="button"
            className="primary"
            onClick={() => void start({ scenarioId: selected })}
            disabled={!selected || starting}
          >
            Start practice
          </button>
          {starting && (
            <span className="muted small" role="status">
              Starting the call…
            </span>
          )}
        </div>
        {(error ?? scenarios.error) && (
          <p className="error small" role="alert">
            {error ?? readableError(scenarios.error)}
          </p>
        )}
      </section>
      {history.data && <PracticeHistory history={history.data} />}
      {history.error && (
        <p className="error small" role="alert">
          {readableError(history.error)}
        </p>
      )}
    </div>
  );
}
