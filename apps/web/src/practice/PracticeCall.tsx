import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../api/trpc-react.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { practiceSource } from '../conversation/conversation-source.js';
import { useConversation } from '../conversation/use-conversation.js';
import { CallHints } from './CallControls.js';
import { CallSection } from './CallSection.js';
import { ScorecardView } from './ScorecardView.js';
import { useCallActions } from './use-call-actions.js';

/**
 * One practice call (`/practice/:practiceId`): the buyer's replies stream in like chat and a
 * reload resumes from the last event; "Hint" is a private tip; "End and score" shows the
 * scorecard.
 */
export function PracticeCall({ practiceId }: { practiceId: string }) {
  const { me, client, renewToken, info } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const practice = useQuery(trpc.practice.get.queryOptions({ practiceId }));
  const source = useMemo(() => practiceSource(client, practiceId), [client, practiceId]);
  const view = useConversation(source, { authorName: me.name, onUnauthorized: renewToken });
  const { busy, error, scoredHere, act } = useCallActions({
    hint: () => client.practice.hint.mutate({ practiceId }),
    end: () => client.practice.end.mutate({ practiceId }),
    after: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.practice.get.queryKey({ practiceId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.practice.list.queryKey() }),
      ]),
  });

  const p = practice.data;
  const gone = view.gone || practice.error !== null;
  const problem = error ?? (view.gone ? null : view.error);
  return (
    <div className="practice-layout">
      <CallSection
        back={{ to: '/practice', label: 'All practice' }}
        title={p ? p.scenario.title : 'Practice'}
        status={p?.status}
        brief={
          p && (
            <>
              <strong>
                {p.scenario.persona.name}, {p.scenario.persona.title} at{' '}
                {p.scenario.persona.company}
              </strong>{' '}
              <span className="muted">{p.scenario.brief}</span>
            </>
          )
        }
        gone={gone}
        missing="This practice does not exist or is not yours."
        view={view}
        ownUserId={me.id}
        problems={[problem, p?.scoreError]}
        play={{ busy, act }}
      />
      {p && (p.hints.length > 0 || p.scorecard) && (
        <aside className="practice-side" aria-label="Coach" tabIndex={0}>
          {p.hints.length > 0 && (
            <CallHints hints={p.hints} offline={info.model.provider === 'offline'} />
          )}
          {p.scorecard && <ScorecardView scorecard={p.scorecard} focus={scoredHere} />}
        </aside>
      )}
    </div>
  );
}
