import type { VersionPosition } from '@salescoach/domain/message-tree';

/** "Previous version" / "Next version" beside "2 / 3": which version of a message is shown. */
export function VersionNav({
  position,
  onChoose,
}: {
  position: VersionPosition;
  onChoose: (versionId: string) => void;
}) {
  const { index, count, siblings } = position;
  const go = (to: number) => {
    const id = siblings[to - 1];
    if (id) onChoose(id);
  };
  return (
    <span className="version-nav" role="group" aria-label="Versions">
      <button
        type="button"
        className="ghost small"
        aria-label="Previous version"
        disabled={index <= 1}
        onClick={() => go(index - 1)}
      >
        ‹
      </button>
      <span className="version-label">
        {index} / {count}
      </span>
      <button
        type="button"
        className="ghost small"
        aria-label="Next version"
        disabled={index >= count}
        onClick={() => go(index + 1)}
      >
        ›
      </button>
    </span>
  );
}
