import type { SearchResult } from '@salescoach/domain';
import { useEffect, useState } from 'react';
import { navigate } from '../app/router.js';
import { useModalDialog } from '../app/use-modal-dialog.js';
import { useMessageSearch } from './use-message-search.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where a result opens: its conversation, scrolled to the message. */
export function resultPath(r: SearchResult): string {
  const base = r.conversation.kind === 'session' ? '/chat' : '/groups';
  return `${base}/${encodeURIComponent(r.conversation.id)}?message=${encodeURIComponent(r.messageId)}&seq=${r.seq}`;
}

/** Ctrl+K (or "Search"): search your conversations and rooms, open a result at its message. */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useModalDialog(open);
  const [query, setQuery] = useState('');
  const search = useMessageSearch(open ? query : '');
  useEffect(() => {
    if (!open) setQuery('');
  }, [open]);

  const go = (r: SearchResult) => {
    onClose();
    navigate(resultPath(r));
  };

  return (
    <dialog
      ref={dialog}
      className="search-dialog"
      aria-labelledby="search-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="search-title">Search</h2>
      <input
        type="search"
        aria-label="Search conversations"
        placeholder="Search your conversations and rooms"
        value={query}
        maxLength={200}
        autoFocus
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = search.results[0];
          if (e.key === 'Enter' && first) go(first);
        }}
      />
      <p className="muted small" role="status" aria-live="polite">
        {search.status === 'searching'
          ? 'Searching…'
          : search.status === 'done'
            ? search.results.length === 0
              ? `No results for “${query.trim()}”`
              : `${search.results.length}${search.hasMore ? '+' : ''} results`
            : ''}
      </p>
      {search.error && (
        <p className="error small" role="alert">
          {search.error}
        </p>
      )}
      <ul className="search-results" aria-label="Results">
        {search.results.map((r) => (
          <li key={`${r.conversation.id}-${r.messageId}`}>
            <button type="button" className="search-result" onClick={() => go(r)}>
              <span className="search-result-title">
                {r.conversation.kind === 'group' ? 'Room: ' : ''}
                {r.conversation.title}
              </span>
              <span className="muted small">
                {r.author.kind === 'assistant' ? 'Coach' : r.author.name} ·{' '}
                {when.format(new Date(r.createdAt))}
              </span>
              <span className="search-snippet">
                {r.snippet.map((part, i) =>
                  part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="search-footer">
        {search.hasMore && (
          <button type="button" className="ghost small" onClick={search.loadMore}>
            More results
          </button>
        )}
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
