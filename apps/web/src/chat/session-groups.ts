/** What grouping needs of a session. */
export interface Groupable {
  readonly id: string;
  readonly updatedAt: string;
  readonly pinned?: boolean;
}

export interface SessionGroup<S extends Groupable> {
  readonly label: string;
  readonly sessions: S[];
}

const DAY_MS = 86_400_000;
const monthLabel = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' });

/** Local midnight of the day `time` falls on. */
function startOfDay(time: Date): number {
  return new Date(time.getFullYear(), time.getMonth(), time.getDate()).getTime();
}

/**
 * The sidebar's sections: "Pinned" first, then by last activity in the user's time zone:
 * "Today", "Yesterday", "Previous 7 days", "Previous 30 days", then one per month
 * ("October 2026"), newest first inside each. Empty sections are left out.
 */
export function groupSessions<S extends Groupable>(
  sessions: readonly S[],
  now: Date,
): SessionGroup<S>[] {
  const today = startOfDay(now);
  const sorted = [...sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const groups = new Map<string, S[]>();
  const add = (label: string, s: S) => groups.set(label, [...(groups.get(label) ?? []), s]);
  for (const s of sorted.filter((s) => s.pinned)) add('Pinned', s);
  for (const s of sorted) {
    if (s.pinned) continue;
    const at = new Date(s.updatedAt);
    const day = startOfDay(at);
    if (day >= today) add('Today', s);
    else if (day >= today - DAY_MS) add('Yesterday', s);
    else if (day >= today - 7 * DAY_MS) add('Previous 7 days', s);
    else if (day >= today - 30 * DAY_MS) add('Previous 30 days', s);
    else add(monthLabel.format(at), s);
  }
  return [...groups].map(([label, list]) => ({ label, sessions: list }));
}
