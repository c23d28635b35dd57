import type { ChartSpec } from '../model/chart.js';

export type ChartUnit = NonNullable<ChartSpec['unit']>;

/** A measure over the frame's categories: one candidate chart series. */
export interface FrameSeries {
  readonly key: string;
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly unit: ChartUnit;
  /** The header says it is a share of a whole ("Share", "% of total", "Mix"). */
  readonly share: boolean;
}

/** Categories plus measures, the shape both tables and tools' rows are read into. */
export interface ChartFrame {
  readonly title?: string;
  readonly x: { readonly key: string; readonly label: string };
  readonly categories: readonly string[];
  readonly series: readonly FrameSeries[];
}

export const CHART_LIMITS = {
  /** Points (rows) in one chart; the schema allows 500. */
  maxPoints: 500,
  /** Bars or slices beyond this are unreadable: such tables get no bar/pie chart. */
  maxCategories: 50,
  maxPieSlices: 8,
  maxSeries: 12,
  /** Charts drawn from one table or one tool output (one per unit). */
  chartsPerFrame: 2,
} as const;

const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const DATE_LIKE = [
  new RegExp(`^(?:${MONTHS})\\.?(?:[ -]'?\\d{2,4})?$`, 'i'),
  /^(?:fy ?\d{2,4} ?)?q[1-4](?:[ -/]?(?:fy ?)?'?\d{2,4})?$/i,
  /^\d{4}[-/ ]?q[1-4]$/i,
  /^h[12](?:[ -]\d{2,4})?$/i,
  /^\d{4}-\d{2}(?:-\d{2})?(?:T[\d:.]+Z?)?$/,
  /^\d{1,2}\/\d{1,2}\/\d{2,4}$/,
  /^(?:19|20)\d{2}$/,
  /^(?:w|wk|week) ?\d{1,2}(?:[ -]\d{4})?$/i,
];
const DATE_HEADER = /^(?:date|day|week|month|quarter|year|period|close ?month|close ?date|time)$/i;

/** Dates, months, quarters, weeks or years: the x axis of a line chart. */
export function isTimeAxis(label: string, categories: readonly string[]): boolean {
  if (categories.length < 2) return false;
  const datelike = categories.every((c) => DATE_LIKE.some((re) => re.test(c.trim())));
  return (
    datelike ||
    (DATE_HEADER.test(label.trim()) &&
      categories.every((c) => /\d/.test(c) || DATE_LIKE[0]!.test(c)))
  );
}

const TOTAL_ROW = /^(?:grand )?totals?:?$|^sum$|^overall$|^all$/i;

export function isTotalRow(category: string): boolean {
  return TOTAL_ROW.test(category.trim());
}

export function isShareLabel(label: string): boolean {
  return /share|percent|%|\bmix\b|split|distribution|portion|proportion/i.test(label);
}

/** A stable, readable key for a column header ("Amount ($)" → "amount"). */
export function keyFor(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
      .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
      .join('')
      .slice(0, 60) || 'value';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  taken.add(key);
  return key;
}

function titleFor(frame: ChartFrame, series: readonly FrameSeries[]): string {
  const measures = series.map((s) => s.label).join(', ');
  const base = `${measures} by ${frame.x.label}`;
  const title =
    frame.title && frame.title.toLowerCase() !== base.toLowerCase()
      ? `${frame.title}: ${base}`
      : base;
  return title.slice(0, 200);
}

function build(
  frame: ChartFrame,
  kind: ChartSpec['kind'],
  series: readonly FrameSeries[],
  rows: readonly number[],
  source: ChartSpec['source'],
): ChartSpec {
  const data = rows.slice(0, CHART_LIMITS.maxPoints).map((r) => {
    const point: Record<string, string | number | null> = {
      [frame.x.key]: frame.categories[r] ?? '',
    };
    for (const s of series) point[s.key] = s.values[r] ?? null;
    return point;
  });
  return {
    kind,
    title: titleFor(frame, series),
    x: { key: frame.x.key, label: frame.x.label.slice(0, 100) },
    series: series.map((s) => ({ key: s.key, label: s.label.slice(0, 100) })),
    data,
    unit: series[0]?.unit ?? 'number',
    source,
  };
}

/** Shares of a whole: one measure, few slices, no negatives, and percentages summing to ~100. */
function isPie(series: FrameSeries, rows: readonly number[]): boolean {
  if (rows.length < 2 || rows.length > CHART_LIMITS.maxPieSlices) return false;
  const values = rows.map((r) => series.values[r]);
  if (values.some((v) => v === null || v === undefined || v < 0)) return false;
  const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0);
  if (series.unit === 'percent') return Math.abs(sum - 100) <= 2;
  if (series.share && sum > 0.98 && sum < 1.02) return true;
  return series.share && series.unit !== 'currency' && Math.abs(sum - 100) <= 2;
}

/**
 * Charts for a frame: a line over a time axis; else a pie for shares of a whole (≤ 8 slices)
 * and bars for other measures. Measures of one unit share a chart; at most
 * CHART_LIMITS.chartsPerFrame charts, currency first.
 */
export function chartsForFrame(frame: ChartFrame, source: ChartSpec['source']): ChartSpec[] {
  const rows = frame.categories
    .map((_, i) => i)
    .filter((i) => !isTotalRow(frame.categories[i] ?? ''));
  if (rows.length < 2) return [];
  const usable = frame.series.filter((s) =>
    rows.some((r) => s.values[r] !== null && s.values[r] !== undefined),
  );
  if (usable.length === 0) return [];

  const time = isTimeAxis(
    frame.x.label,
    rows.map((r) => frame.categories[r] ?? ''),
  );
  if (!time && rows.length > CHART_LIMITS.maxCategories) return [];

  const order: ChartUnit[] = ['currency', 'count', 'number', 'percent'];
  const charts: ChartSpec[] = [];
  for (const unit of order) {
    const group = usable.filter((s) => s.unit === unit).slice(0, CHART_LIMITS.maxSeries);
    if (group.length === 0) continue;
    if (time) {
      charts.push(build(frame, 'line', group, rows, source));
      continue;
    }
    const pies = group.filter((s) => isPie(s, rows));
    const bars = group.filter((s) => !pies.includes(s));
    if (bars.length > 0) charts.push(build(frame, 'bar', bars, rows, source));
    const pie = pies[0];
    if (pie) charts.push(build(frame, 'pie', [pie], rows, source));
  }
  return charts.slice(0, CHART_LIMITS.chartsPerFrame);
}
