import '../styles/practice.css';
import '../styles/room-practice.css';
import type { ConversationEvent } from '@salescoach/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '../api/trpc-react.js';
import { useSignedIn } from '../app/signed-in-context.js';
import { roomPracticeSource } from '../conversation/conversation-source.js';
import { useConversation } from '../conversation/use-conversation.js';
import { CallHints } from '../practice/CallControls.js';
import { CallSection } from '../practice/CallSection.js';
import { ScorecardView } from '../practice/ScorecardView.js';
import { useCallActions } from '../practice/use-call-actions.js';
import { HumanScores } from './HumanScores.js';
import { useWhispers } from './use-whispers.js';
import { WhisperPanel } from './WhisperPanel.js';

/**
 * A practice played in a room (`/groups/:groupId?practice=:practiceId`): every member
 * watches the call live; the rep plays ("Hint", "End and score"); the others whisper to the
 * rep; the owner or a Manager adds a score beside the coach's scorecard.
 */
export function RoomPracticeCall({ groupId, practiceId }: { groupId: string; practiceId: string }) {
  const { me, client, renewToken, info } = useSignedIn();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { groupId, practiceId };
  const practice = useQuery(trpc.practice.room.get.queryOptions(ref));
  const source = useMemo(
    () => roomPracticeSource(client, groupId, practiceId),
    [client, groupId, practiceId],
  );
  const reload = useCallback(
    () =>
      queryClient.invalidateQueries({
        queryKey: trpc.practice.room.get.queryKey({ groupId, practiceId }),
      }),
    [groupId, practiceId, queryClient, trpc],
  );
  const onSideEvent = useCallback(
    (event: ConversationEvent) => {
      if (event.type === 'practice.updated') void reload();
    },
    [reload],
  );
  const view = useConversation(source, {
    authorName: me.name,
    onSideEvent,
    onUnauthorized: renewToken,
  });
  const whispers = useWhispers(client, groupId, practiceId);
  const { busy, error, scoredHere, act } = useCallActions({
    hint: () => client.practice.room.hint.mutate(ref),
    end: () => client.practice.room.end.mutate(ref),
    after: reload,
  });

  const p = practice.data;
  const playing = p?.you.play ?? false;
  const active = p?.status === 'active';
  const gone = view.gone || practice.error !== null;
  const problem = error ?? (view.gone ? null : view.error);
  return (
    <div className="practice-layout">
      <CallSection
        back={{ to: `/groups/${encodeURIComponent(groupId)}`, label: 'Back to the room' }}
        title={p ? p.scenario.title : 'Practice'}
        status={p?.status}
        brief={
          p && (
            <>
              <strong>{playing ? 'You play' : `${p.rep.name} plays`}</strong>{' '}
              <span className="muted">
                against {p.scenario.persona.name}, {p.scenario.persona.title} at{' '}
                {p.scenario.persona.company}. {p.scenario.brief}
              </span>
            </>
          )
        }
        gone={gone}
        missing="This practice does not exist or is not in one of your rooms."
        view={view}
        ownUserId={me.id}
        problems={[problem, playing ? p?.scoreError : null]}
        play={playing ? { busy, act } : null}
      />
      {p && !gone && (
        <aside className="practice-side" aria-label="Coach and room" tabIndex={0}>
          <WhisperPanel
            whispers={whispers}
            repName={p.rep.name}
            playing={playing}
            active={active}
            onWhisper={(text) => client.practice.room.whisper.mutate({ ...ref, text })}
          />
          {playing && p.hints.length > 0 && (
            <CallHints hints={p.hints} offline={info.model.provider === 'offline'} />
          )}
          {p.scorecard && <ScorecardView scorecard={p.scorecard} focus={scoredHere} />}
          {p.status !== 'active' && (
            <HumanScores
              scores={p.humanScores ?? []}
              mayReview={p.you.mayReview}
              onReview={async (score, comment) => {
                await client.practice.room.review.mutate({ ...ref, score, comment });
                await reload();
              }}
            />
          )}
        </aside>
      )}
    </div>
  );
}
