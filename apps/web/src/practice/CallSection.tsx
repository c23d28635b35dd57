import type { ReactNode } from 'react';
import { Link } from '../app/router.js';
import { Composer } from '../conversation/Composer.js';
import { MessageList } from '../conversation/MessageList.js';
import type { ConversationView } from '../conversation/use-conversation.js';
import { CallActions } from './CallControls.js';
import type { useCallActions } from './use-call-actions.js';

/**
 * A practice call's main column, alone or in a room: the header with the way back, the brief,
 * the messages (or why there are none), what went wrong, and, for the rep who plays, "Hint",
 * "End and score" and the composer.
 */
export function CallSection({
  back,
  title,
  status,
  brief,
  gone,
  missing,
  view,
  ownUserId,
  problems,
  play,
}: {
  back: { to: string; label: string };
  title: string;
  /** The practice's status, once it has loaded. */
  status: string | undefined;
  brief: ReactNode;
  gone: boolean;
  /** Why there is no call to show (when `gone`). */
  missing: string;
  view: ConversationView;
  ownUserId: string;
  /** What went wrong, one alert each (empty ones are left out). */
  problems: readonly (string | null | undefined)[];
  /** The rep's controls; null for someone who only watches. */
  play: Pick<ReturnType<typeof useCallActions>, 'busy' | 'act'> | null;
}) {
  const active = status === 'active';
  return (
    <section className="conversation" aria-label="Practice call">
      <header className="conversation-header">
        <Link to={back.to} className="ghost small">
          {back.label}
        </Link>
        <h1 className="conversation-title">{title}</h1>
        {status !== undefined && !active && <span className="badge">ended</span>}
      </header>
      {brief && <p className="practice-brief small">{brief}</p>}
      {gone ? (
        <div className="welcome">
          <p role="alert">{missing}</p>
        </div>
      ) : (
        <MessageList view={view} ownUserId={ownUserId} label="Practice messages" />
      )}
      {problems.map(
        (problem, i) =>
          problem && (
            <p key={i} className="error small inline-error" role="alert">
              {problem}
            </p>
          ),
      )}
      {play && !gone && status !== undefined && status !== 'scored' && (
        <CallActions busy={play.busy} active={active} onAct={(what) => void play.act(what)} />
      )}
      {play && active && !gone && (
        <Composer
          onSend={view.send}
          answering={view.answering !== undefined}
          onStop={view.stop}
          placeholder="Your line to the buyer"
        />
      )}
    </section>
  );
}
