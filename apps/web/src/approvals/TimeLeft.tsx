import { timeLeftText } from './approval-view.js';
import { useNow } from './use-now.js';

/**
 * "Expires in 4 min 05 s", counting down each second (not announced on every tick: a
 * screen reader reads it when it reaches it). `now` fixes the clock (tests).
 */
export function TimeLeft({
  expiresAt,
  prefix = 'Expires in',
  now,
}: {
  expiresAt: string;
  prefix?: string;
  now?: number;
}) {
  const ticking = useNow(1_000, now === undefined);
  const left = timeLeftText(expiresAt, now ?? ticking);
  return (
    <time className="time-left small" dateTime={expiresAt}>
      {left ? `${prefix} ${left}` : 'Time is up'}
    </time>
  );
}
