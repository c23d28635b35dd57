const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The next time after `now` matching a `DIGEST_SCHEDULE` value (`mon 08:00`, UTC). */
export function nextRun(schedule: string, now: Date): Date {
  const match = /^(sun|mon|tue|wed|thu|fri|sat) (\d{2}):(\d{2})$/.exec(schedule);
  if (!match) throw new Error(`DIGEST_SCHEDULE "${schedule}" is not a weekday and a UTC time`);
  const day = WEEKDAYS.indexOf(match[1] as (typeof WEEKDAYS)[number]);
  const at = new Date(now);
  at.setUTCHours(Number(match[2]), Number(match[3]), 0, 0);
  at.setUTCDate(at.getUTCDate() + ((day - at.getUTCDay() + 7) % 7));
  if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 7);
  return at;
}
