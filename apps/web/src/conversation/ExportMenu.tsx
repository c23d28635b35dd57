import { useState } from 'react';
import { readableError } from '../api/readable-error.js';
import { download } from '../render/download-file.js';
import type { ConversationSource } from './conversation-source.js';
import {
  exportFileName,
  readWholeConversation,
  toJson,
  toMarkdown,
  type ExportedConversation,
} from './conversation-export.js';

/** "Export" in a conversation's header: the whole conversation as Markdown or JSON. */
export function ExportMenu({
  source,
  title,
  ownUserId,
}: {
  source: ConversationSource;
  title: string;
  ownUserId: string;
}) {
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: 'md' | 'json') => {
    setOpen(false);
    setError(null);
    setProgress(0);
    try {
      const { messages, truncated } = await readWholeConversation(source, setProgress);
      const exported: ExportedConversation = {
        title,
        kind: source.kind,
        id: source.id,
        exportedAt: new Date().toISOString(),
        messages,
        truncated,
      };
      if (format === 'md')
        download(exportFileName(title, 'md'), 'text/markdown', toMarkdown(exported, ownUserId));
      else download(exportFileName(title, 'json'), 'application/json', toJson(exported));
    } catch (err) {
      setError(`Export failed: ${readableError(err)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="export-menu">
      <button
        type="button"
        className="ghost small"
        aria-expanded={open}
        aria-haspopup="true"
        disabled={progress !== null}
        onClick={() => setOpen((o) => !o)}
      >
        {progress === null ? 'Export' : `Exporting… ${progress} messages`}
      </button>
      {open && (
        <div className="export-options" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" className="ghost small" onClick={() => void run('md')}>
            Export as Markdown
          </button>
          <button type="button" className="ghost small" onClick={() => void run('json')}>
            Export as JSON
          </button>
        </div>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
