/** A day a request names ("on Friday", "tomorrow", "2026-12-04", "in 2 weeks"), as an ISO date. */
export interface NamedDay {
  readonly date: string;
  /** The words that named it, to take out of the surrounding text. */
  readonly phrase: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const plusDays = (now: Date, days: number): string => iso(new Date(now.getTime() + days * DAY_MS));

/**
 * The first day the text names, counted from `now` (UTC). A weekday is the next one after
 * today ("on Friday" said on a Friday is a week later); "next week" is next Monday.
 */
export function readDay(text: string, now: Date): NamedDay | undefined {
  const isoDate = /\b(?:on\s+|by\s+)?(\d{4}-\d{2}-\d{2})\b/i.exec(text);
  if (isoDate?.[1]) return { date: isoDate[1], phrase: isoDate[0] };
  const relative = /\b(?:on\s+|by\s+)?(today|tomorrow)\b/i.exec(text);
  if (relative?.[1])
    return {
      date: plusDays(now, relative[1].toLowerCase() === 'today' ? 0 : 1),
      phrase: relative[0],
    };
  const weekday = new RegExp(
    `\\b(?:on\\s+|by\\s+|next\\s+|this\\s+)?(${WEEKDAYS.join('|')})\\b`,
    'i',
  ).exec(text);
  if (weekday?.[1]) {
    const wanted = WEEKDAYS.indexOf(weekday[1].toLowerCase());
    const ahead = (wanted - now.getUTCDay() + 7) % 7 || 7;
    return { date: plusDays(now, ahead), phrase: weekday[0] };
  }
  const within = /\bin\s+(\d{1,3})\s+(day|week)s?\b/i.exec(text);
  if (within?.[1] && within[2])
    return {
      date: plusDays(now, Number(within[1]) * (within[2].toLowerCase() === 'week' ? 7 : 1)),
      phrase: within[0],
    };
  if (/\bnext week\b/i.test(text)) {
    const toMonday = (1 - now.getUTCDay() + 7) % 7 || 7;
    return { date: plusDays(now, toMonday), phrase: 'next week' };
  }
  return undefined;
}
