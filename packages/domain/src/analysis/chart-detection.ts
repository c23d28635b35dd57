import { chartSpecSchema, type ChartSpec, type TableData } from '../model/chart.js';
import {
  chartsForFrame,
  keyFor,
  isShareLabel,
  type ChartFrame,
  type ChartUnit,
  type FrameSeries,
} from './chart-frame.js';
import { codeBlocks } from './markdown-tables.js';
import { isBlankCell, parseNumber, type ParsedNumber } from './numbers.js';

/** Numeric columns that are labels, not measures: ranks, ids, years. */
const NOT_A_MEASURE = /^(?:#|no\.?|n°|rank|id|year|fy|ref|code)$/i;
/** `id`, `accountId`, `owner_id`, `ID`. */
const isIdKey = (key: string): boolean => /^id$|_id$/i.test(key) || /[a-z0-9](?:Id|ID)$/.test(key);
const notAMeasure = (label: string): boolean =>
  NOT_A_MEASURE.test(label.trim()) || isIdKey(label.trim());

function unitOf(parsed: readonly ParsedNumber[], label: string): ChartUnit {
  if (parsed.some((p) => p.unit === 'currency')) return 'currency';
  if (parsed.length > 0 && parsed.every((p) => p.unit === 'percent')) return 'percent';
  if (/\bcount\b|^#|number of|\bdeals\b|\bcalls\b|\bmeetings\b/i.test(label)) return 'count';
  return parsed.every((p) => Number.isInteger(p.value)) ? 'count' : 'number';
}

/**
 * Charts for a parsed markdown table: the first text column is the category axis; numeric
 * columns are the measures. Time-like categories give a line, shares of a whole (≤ 8 rows,
 * summing to ~100%) a pie, other measures a bar chart. "Total" rows are left out.
 */
export function chartsFromTable(table: TableData): ChartSpec[] {
  const numeric = new Set(table.numericColumns);
  let xIndex = table.columns.findIndex((_, i) => !numeric.has(i));
  if (xIndex === -1) xIndex = 0; // all numeric: a year-like first column can still be the axis
  const taken = new Set<string>();
  const xLabel = table.columns[xIndex] ?? 'Category';
  const x = { key: keyFor(xLabel, taken), label: xLabel };
  const categories = table.rows.map((r) => r[xIndex] ?? '');
  if (
    categories.some((c) => c === '') &&
    categories.filter((c) => c === '').length > categories.length / 2
  )
    return [];

  const series: FrameSeries[] = [];
  for (const i of table.numericColumns) {
    const label = table.columns[i] ?? '';
    if (i === xIndex || notAMeasure(label)) continue;
    const cells = table.rows.map((r) => r[i] ?? '');
    const parsed = cells.map((c) => (isBlankCell(c) ? undefined : parseNumber(c)));
    const present = parsed.filter((p): p is ParsedNumber => p !== undefined);
    series.push({
      key: keyFor(label, taken),
      label,
      values: parsed.map((p) => p?.value ?? null),
      unit: unitOf(present, label),
      share: isShareLabel(label),
    });
  }
  if (series.length === 0) return [];
  const frame: ChartFrame = {
    x,
    categories,
    series,
    ...(table.title ? { title: table.title } : {}),
  };
  return chartsForFrame(frame, 'table');
}

// ---- tools' structuredContent ---------------------------------------------------------

type Row = Record<string, unknown>;

const isRecord = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const CATEGORY_HINT =
  /^(?:group|stage|owner|rep|name|account|month|quarter|period|region|segment|category|label|product|team|week|date)/i;
const PERCENT_HINT = /pct|percent|share|rate|ratio|probability/i;
const COUNT_HINT =
  /count|deals(?!ize)|calls|emails|meetings|demos|activities|contacts|^num|number|qty|quantity/i;
const NUMBER_HINT = /days|hours|age|score|avg(?!deal)/i;
const CURRENCY_HINT =
  /amount|value|revenue|quota|arr$|acv|tcv|price|pipeline|forecast|booking|won|spend|cost|commit|gap|best_?case|deal_?size|sales|budget|mrr/i;

function unitOfKey(key: string, values: readonly (number | null)[]): ChartUnit {
  if (PERCENT_HINT.test(key)) return 'percent';
  if (COUNT_HINT.test(key)) return 'count';
  if (CURRENCY_HINT.test(key)) return 'currency';
  if (NUMBER_HINT.test(key)) return 'number';
  return values.every((v) => v === null || Number.isInteger(v)) ? 'count' : 'number';
}

/** "closeMonth" / "win_rate" → "Close month" / "Win rate". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Arrays of row objects anywhere in the first two levels of a tool's output. */
function rowArrays(data: unknown, depth = 0): { name?: string; groupBy?: string; rows: Row[] }[] {
  if (Array.isArray(data)) {
    const rows = data.filter(isRecord);
    return rows.length >= 2 && rows.length === data.length ? [{ rows }] : [];
  }
  if (!isRecord(data) || depth > 1) return [];
  // `{ groupBy: 'stage', rows: [{ group: … }] }` names what the generic `group` key holds.
  const groupBy = typeof data.groupBy === 'string' ? data.groupBy : undefined;
  return Object.entries(data).flatMap(([name, value]) =>
    rowArrays(value, depth + 1).map((found) => ({
      name: found.name ?? name,
      groupBy: found.groupBy ?? groupBy,
      rows: found.rows,
    })),
  );
}

function frameFromRows(
  rows: readonly Row[],
  title: string,
  groupBy: string | undefined,
): ChartFrame | undefined {
  const keys = [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)))];
  const isText = (k: string) => rows.every((r) => typeof r[k] === 'string' && r[k] !== '');
  const isNumeric = (k: string) =>
    rows.every(
      (r) =>
        r[k] === null || r[k] === undefined || (typeof r[k] === 'number' && Number.isFinite(r[k])),
    ) && rows.some((r) => typeof r[k] === 'number');
  const textKeys = keys.filter((k) => isText(k) && !isIdKey(k));
  const xKey = textKeys.find((k) => CATEGORY_HINT.test(k)) ?? textKeys[0];
  if (!xKey) return undefined;

  const series: FrameSeries[] = keys
    .filter((k) => k !== xKey && isNumeric(k) && !notAMeasure(k))
    .map((k) => {
      const values = rows.map((r) => (typeof r[k] === 'number' ? r[k] : null));
      return {
        key: k,
        label: humanize(k),
        values,
        unit: unitOfKey(k, values),
        share: isShareLabel(k),
      };
    });
  if (series.length === 0) return undefined;
  return {
    title,
    x: { key: xKey, label: humanize(xKey === 'group' && groupBy ? groupBy : xKey) },
    categories: rows.map((r) => String(r[xKey])),
    series,
  };
}

/**
 * Charts for a tool's structuredContent: every array of row objects (top level or one
 * level down, e.g. `{ rows: [{ stage, count, amount }] }`) with a text category key and
 * numeric measures. Ids are never measures or categories.
 */
export function chartsFromStructured(data: unknown, title: string): ChartSpec[] {
  return rowArrays(data).flatMap(({ name, groupBy, rows }) => {
    const frameTitle =
      name && !['rows', 'items', 'data', 'results'].includes(name)
        ? `${title} (${humanize(name)})`
        : title;
    const frame = frameFromRows(rows, frameTitle, groupBy);
    return frame ? chartsForFrame(frame, 'tool') : [];
  });
}

/**
 * Charts the model wrote itself as fenced ```chart blocks of JSON. Each is validated with
 * chartSpecSchema (source forced to `model`); anything invalid is dropped, never thrown.
 */
export function chartsFromModelBlocks(markdown: string): ChartSpec[] {
  if (!markdown.includes('```chart') && !markdown.includes('~~~chart')) return [];
  return codeBlocks(markdown, 'chart').flatMap((body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return [];
    }
    if (!isRecord(json)) return [];
    const parsed = chartSpecSchema.safeParse({ ...json, source: 'model' });
    if (!parsed.success) return [];
    // A chart whose data never mentions its series draws nothing: drop it too.
    const drawable = parsed.data.data.some((point) =>
      parsed.data.series.some((s) => typeof point[s.key] === 'number'),
    );
    return drawable ? [parsed.data] : [];
  });
}
