import type { ParsedToolResult } from '@salescoach/domain';
import {
  cell,
  columnKind,
  formatValue,
  humanize,
  isAdditive,
  type ColumnKind,
} from './value-formatting.js';

export const ANSWER_LABEL = '_Offline model — answer built from tool results, no AI._';

/** Rows written out; the app shows the first ten and a button for the rest. */
const MAX_ROWS = 50;
const MAX_COLUMNS = 7;

interface Table {
  readonly title: string;
  readonly keys: readonly string[];
  readonly kinds: readonly ColumnKind[];
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * The answer to a round of tool results: the label, a table per list of records, the
 * totals, one observation and one suggested next step. Failed tools are named.
 */
export function writeAnswer(results: readonly ParsedToolResult[]): string {
  const parts: string[] = [ANSWER_LABEL];
  const tables: Table[] = [];
  for (const result of results) {
    const source = `**${result.server} / ${result.tool}**`;
    if (!result.ok) {
      parts.push(`${source} failed: ${(result.error ?? 'no reason given').replace(/\.$/, '')}.`);
      continue;
    }
    const found = tablesIn(result.data, result.tool);
    const totals = totalsLine(result.data);
    if (found.length === 0 && hasOnlyEmptyLists(result.data)) {
      parts.push(`${source} found nothing for this question.`);
      continue;
    }
    if (found.length === 0 && totals === undefined) {
      parts.push(textSection(source, result.text));
      continue;
    }
    for (const table of found) {
      const passages = passageKeys(table);
      if (passages) {
        parts.push(renderPassages(table, passages, source));
        continue;
      }
      tables.push(table);
      parts.push(renderTable(table, source));
    }
    if (totals) parts.push(totals);
  }
  const observation = observe(tables);
  if (observation) parts.push(observation);
  parts.push(`**Suggested next step:** ${nextStep(results)}`);
  return `${parts.join('\n\n')}\n`;
}

function tablesIn(data: unknown, tool: string): Table[] {
  if (Array.isArray(data)) return tableOf(humanize(tool), data);
  if (!isRecord(data)) return [];
  return Object.entries(data).flatMap(([key, value]) =>
    Array.isArray(value)
      ? tableOf(
          /^(?:rows|items|results|data|records)$/i.test(key)
            ? humanize(tool)
            : `${humanize(tool)} — ${humanize(key).toLowerCase()}`,
          value,
        )
      : [],
  );
}

function tableOf(title: string, items: readonly unknown[]): Table[] {
  const rows = items.filter(isRecord);
  if (rows.length === 0) return [];
  const allKeys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) =>
    rows.some((r) => !isRecord(r[k])),
  );
  const hasName = allKeys.some((k) => /name|title|group/i.test(k));
  // Ids are noise beside a name column; keep them when they are all there is.
  const keys = allKeys.filter((k) => !(hasName && /^id$|Id$|_id$/.test(k))).slice(0, MAX_COLUMNS);
  const kinds = keys.map((k) =>
    columnKind(
      k,
      rows.map((r) => r[k]),
    ),
  );
  return [{ title, keys, kinds, rows }];
}

function renderTable(table: Table, source: string): string {
  const header = `| ${table.keys.map((k) => cell(humanize(k))).join(' | ')} |`;
  const align = `| ${table.kinds.map((k) => (k === 'text' ? '---' : '---:')).join(' | ')} |`;
  const body = table.rows
    .slice(0, MAX_ROWS)
    .map(
      (row) =>
        `| ${table.keys.map((k, i) => cell(formatValue(row[k], table.kinds[i] ?? 'text'))).join(' | ')} |`,
    );
  const more =
    table.rows.length > MAX_ROWS ? `\n\n…and ${table.rows.length - MAX_ROWS} more rows.` : '';
  return `${table.title} (from ${source}):\n\n${[header, align, ...body].join('\n')}${more}`;
}

/** Search hits (title + excerpt) read better as a list of quotes than as a table of scores. */
function passageKeys(table: Table): { title: string; text: string } | undefined {
  const text = table.keys.find((k) => /^(?:excerpt|snippet|summary|passage)$/i.test(k));
  const title = table.keys.find((k) => /^(?:title|name|heading)$/i.test(k));
  return text && title ? { title, text } : undefined;
}

function renderPassages(
  table: Table,
  keys: { title: string; text: string },
  source: string,
): string {
  const items = table.rows
    .slice(0, 5)
    .map(
      (row) =>
        `- **${formatValue(row[keys.title], 'text')}** — ${formatValue(row[keys.text], 'text')}`,
    );
  return `${table.title} (from ${source}), closest first:\n\n${items.join('\n')}`;
}

/** Numeric top-level fields and a `total` object: "Quota $1,200,000 · Closed won $300,000". */
function totalsLine(data: unknown): string | undefined {
  if (!isRecord(data)) return undefined;
  const pairs: string[] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value !== 'number') return;
    const kind = columnKind(key, [value]);
    if (isAdditive(key, kind)) pairs.push(`${humanize(key)} ${formatValue(value, kind)}`);
  };
  for (const [key, value] of Object.entries(data)) {
    if (isRecord(value) && /total|summary/i.test(key))
      for (const [k, v] of Object.entries(value)) add(k, v);
    else add(key, value);
  }
  return pairs.length === 0 ? undefined : `**Totals:** ${pairs.join(' · ')}`;
}

function textSection(source: string, text: string | undefined): string {
  const body = (text ?? '').trim();
  if (body === '') return `${source} returned nothing.`;
  const capped = body.length > 1_500 ? `${body.slice(0, 1_500)}…` : body;
  return `From ${source}:\n\n${capped
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}`;
}

/**
 * The largest row of the first table with a money (else count) column, and its share of
 * that column's sum, over the rows the table shows: every figure cited is in the table.
 */
function observe(tables: readonly Table[]): string | undefined {
  for (const shown of tables) {
    const table = { ...shown, rows: shown.rows.slice(0, MAX_ROWS) };
    // Open pipeline says more about what to do next than totals that include closed deals.
    const open = table.keys.findIndex((k, i) => table.kinds[i] === 'currency' && /^open/i.test(k));
    const firstMoney = table.kinds.indexOf('currency');
    const firstCount = table.keys.findIndex(
      (k, i) => table.kinds[i] === 'number' && isAdditive(k, 'number'),
    );
    const measure = open >= 0 ? open : firstMoney >= 0 ? firstMoney : firstCount;
    const label = table.kinds.indexOf('text');
    if (measure < 0 || label < 0 || table.rows.length === 0) continue;
    const measureKey = table.keys[measure] ?? '';
    const labelKey = table.keys[label] ?? '';
    const kind = table.kinds[measure] ?? 'number';
    const values = table.rows.map((r) => (typeof r[measureKey] === 'number' ? r[measureKey] : 0));
    const total = values.reduce((a, b) => a + b, 0);
    const top = values.indexOf(Math.max(...values));
    const topRow = table.rows[top] ?? {};
    const name = formatValue(topRow[labelKey], 'text');
    if (table.rows.length === 1) {
      return `**Observation:** one row: **${name}** at ${formatValue(values[0], kind)} (${humanize(measureKey).toLowerCase()}).`;
    }
    const share =
      total > 0
        ? ` — ${Math.round(((values[top] ?? 0) / total) * 100)}% of ${formatValue(total, kind)} across ${table.rows.length} rows`
        : '';
    return `**Observation:** the largest ${humanize(measureKey).toLowerCase()} is **${name}** with ${formatValue(values[top], kind)}${share}.`;
  }
  return undefined;
}

const NEXT_STEPS: readonly [RegExp, string][] = [
  [/risk/, 'Take the largest deal at risk and book a dated next step with the customer this week.'],
  [
    /forecast|quota/,
    'Go through the deals in Proposal and decide which can move to commit this quarter to close the gap.',
  ],
  [
    /scorecard/,
    'Compare win rates and activity counts, and pick one habit from the strongest rep to share with the team.',
  ],
  [
    /pipeline/,
    'Review the deals in the largest group: confirm each close date and next step with its owner.',
  ],
  [
    /opportunit|deal/,
    'Check the deals closing soonest and make sure each has a next step with a date.',
  ],
  [
    /account/,
    'Open the account with the most open pipeline and check its contacts and recent activity.',
  ],
  [
    /playbook|method|search/,
    'Try the approach on your next call and note how the customer responds.',
  ],
];

function nextStep(results: readonly ParsedToolResult[]): string {
  // A change that named several records: the tool listed them, with their ids.
  const choice = results.flatMap((r) =>
    !r.ok && /\bmatches \d+ of your\b/.test(r.error ?? '')
      ? [/\b([a-z]+-\d{3,})\b/.exec(r.error ?? '')?.[1]]
      : [],
  )[0];
  if (choice) return `Say which one you mean by its id (for example ${choice}) and ask again.`;
  if (results.length > 0 && results.every((r) => !r.ok))
    return 'Try again in a moment; if a tool keeps failing, tell an administrator which one.';
  const names = results
    .filter((r) => r.ok)
    .map((r) => r.tool.toLowerCase())
    .join(' ');
  return (
    NEXT_STEPS.find(([pattern]) => pattern.test(names))?.[1] ??
    'Ask a narrower follow-up: a quarter, a stage or an owner.'
  );
}

function hasOnlyEmptyLists(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (!isRecord(data)) return false;
  const lists = Object.values(data).filter(Array.isArray);
  return lists.length > 0 && lists.every((list) => list.length === 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
