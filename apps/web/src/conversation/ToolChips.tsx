import type { ToolCallRecord } from '@salescoach/domain';

function duration(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const STATUS_TEXT: Record<ToolCallRecord['status'], string> = {
  running: 'running',
  ok: 'done',
  failed: 'failed',
  refused: 'refused',
  awaiting_approval: 'awaiting approval',
};

/** What the coach looked up for this answer, live: running, done, failed, refused or awaiting approval. */
export function ToolChips({ calls }: { calls: readonly ToolCallRecord[] }) {
  if (calls.length === 0) return null;
  return (
    <ul className="tool-chips" aria-label="Tools used">
      {calls.map((call) => (
        <li key={call.id} className={`chip chip-${call.status}`} title={call.error ?? undefined}>
          <span className="chip-icon" aria-hidden="true">
            {call.status === 'running'
              ? '⟳'
              : call.status === 'ok'
                ? '✓'
                : call.status === 'awaiting_approval'
                  ? '⏳'
                  : '!'}
          </span>
          <span className="chip-name">
            {call.server} · {call.tool.replaceAll('_', ' ')}
          </span>
          <span className="chip-status">
            {STATUS_TEXT[call.status]}
            {call.status !== 'running' && call.durationMs > 0
              ? ` · ${duration(call.durationMs)}`
              : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
