/** Calendar quarters and day arithmetic on ISO dates (`YYYY-MM-DD`, UTC). */
const DAY_MS = 86_400_000;

export interface QuarterRange {
  /** `2026-Q4` */
  readonly key: string;
  /** First day, ISO date. */
  readonly start: string;
  /** Last day, ISO date (inclusive). */
  readonly end: string;
}

export const toIsoDate = (date: Date): string => date.toISOString().slice(0, 10);
export const parseIsoDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
export const addDays = (iso: string, days: number): string =>
  toIsoDate(new Date(parseIsoDate(iso).getTime() + days * DAY_MS));
export const daysBetween = (fromIso: string, toIso: string): number =>
  Math.round((parseIsoDate(toIso).getTime() - parseIsoDate(fromIso).getTime()) / DAY_MS);

export function quarterOf(iso: string): QuarterRange {
  const date = parseIsoDate(iso);
  return quarterFromIndex(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3));
}

/** `quarterIndex` may run past 0..3; it carries into the year. */
export function quarterFromIndex(year: number, quarterIndex: number): QuarterRange {
  const y = year + Math.floor(quarterIndex / 4);
  const q = ((quarterIndex % 4) + 4) % 4;
  const start = new Date(Date.UTC(y, q * 3, 1));
  const end = new Date(Date.UTC(y, q * 3 + 3, 0));
  return { key: `${y}-Q${q + 1}`, start: toIsoDate(start), end: toIsoDate(end) };
}

export function shiftQuarter(range: QuarterRange, by: number): QuarterRange {
  const start = parseIsoDate(range.start);
  return quarterFromIndex(start.getUTCFullYear(), Math.floor(start.getUTCMonth() / 3) + by);
}

const RELATIVE: Record<string, number> = {
  'this quarter': 0,
  'current quarter': 0,
  current: 0,
  'next quarter': 1,
  next: 1,
  'last quarter': -1,
  'previous quarter': -1,
  previous: -1,
};

/**
 * Reads `2026-Q4` (also `Q4 2026`, `2026Q4`) or `this quarter` / `next quarter` / `last quarter`.
 * Throws an Error that says what is accepted.
 */
export function parseQuarter(input: string, today: string): QuarterRange {
  const text = input.trim().toLowerCase();
  const relative = RELATIVE[text];
  if (relative !== undefined) return shiftQuarter(quarterOf(today), relative);
  const yearFirst = /^(\d{4})\s*-?\s*q([1-4])$/.exec(text);
  const quarterFirst = /^q([1-4])\s*-?\s*(\d{4})$/.exec(text);
  const year = Number(yearFirst?.[1] ?? quarterFirst?.[2]);
  const q = Number(yearFirst?.[2] ?? quarterFirst?.[1]);
  if (year >= 2000 && year <= 2100 && q >= 1 && q <= 4) return quarterFromIndex(year, q - 1);
  throw new Error(
    `quarter "${input}" is not understood: use YYYY-Qn (e.g. ${quarterOf(today).key}), "this quarter", "next quarter" or "last quarter"`,
  );
}

export const inRange = (iso: string, range: QuarterRange): boolean =>
  iso >= range.start && iso <= range.end;

export const monthKey = (iso: string): string => iso.slice(0, 7);
