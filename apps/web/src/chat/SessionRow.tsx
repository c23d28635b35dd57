import type { Session } from '../api/trpc-react.js';
import { PinIcon } from '../app/icons.js';
import { Link } from '../app/router.js';
import { RenameForm } from './RenameSessionForm.js';

export interface SessionRowActions {
  readonly renaming: boolean;
  readonly busy: boolean;
  readonly startRename: () => void;
  readonly endRename: () => void;
  readonly setPinned: (pinned: boolean) => void;
  readonly setPrivate: (isPrivate: boolean) => void;
  readonly remove: () => void;
}

/** One conversation in the sidebar: its title, and pin, private, rename and delete. */
export function SessionRow({
  session: s,
  active,
  unread,
  onNavigate,
  actions,
}: {
  session: Session;
  active: boolean;
  /** Messages since this user last had it open (not shown for the open one). */
  unread: number;
  onNavigate: () => void;
  actions: SessionRowActions;
}) {
  if (actions.renaming)
    return (
      <li className={active ? 'active' : undefined}>
        <RenameForm session={s} onDone={actions.endRename} />
      </li>
    );
  return (
    <li className={active ? 'active' : undefined}>
      <Link
        to={`/chat/${s.id}`}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        className="session-link"
      >
        {unread > 0 && !active && (
          <span className="unread session-unread" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
        {s.private && (
          <span className="private-mark" title="Private: kept out of insights">
            🔒{' '}
          </span>
        )}
        {s.title}
      </Link>
      <span className="row-actions">
        <button
          type="button"
          className="ghost icon small"
          aria-label={`${s.pinned ? 'Unpin' : 'Pin'} ${s.title}`}
          aria-pressed={s.pinned}
          title={s.pinned ? 'Unpin' : 'Pin to the top'}
          disabled={actions.busy}
          onClick={() => actions.setPinned(!s.pinned)}
        >
          <PinIcon />
        </button>
        <button
          type="button"
          className="ghost icon small"
          aria-label={`Private: ${s.title}`}
          aria-pressed={s.private}
          title={
            s.private
              ? 'Private: kept out of team insights (click to share again)'
              : 'Make private: keep this conversation out of team insights'
          }
          disabled={actions.busy}
          onClick={() => actions.setPrivate(!s.private)}
        >
          {s.private ? '🔒' : '🔓'}
        </button>
        <button
          type="button"
          className="ghost icon small"
          aria-label={`Rename ${s.title}`}
          title="Rename"
          onClick={actions.startRename}
        >
          ✎
        </button>
        <button
          type="button"
          className="ghost icon small"
          aria-label={`Delete ${s.title}`}
          title="Delete"
          onClick={() => {
            if (window.confirm(`Delete "${s.title}"? This cannot be undone.`)) actions.remove();
          }}
        >
          ✕
        </button>
      </span>
    </li>
  );
}
