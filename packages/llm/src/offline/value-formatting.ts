/** How the offline answer shows numbers and labels. Currency in whole dollars, like a sales report. */

const CURRENCY_KEY =
  /amount|pipeline|quota|revenue|won$|^won|commit|bestcase|best_case|gap|dealsize|deal_size|value|price|arr$|acv|bookings|spend/i;
const PERCENT_KEY = /pct|percent|rate$|ratepct|share$/i;

export type ColumnKind = 'currency' | 'percent' | 'number' | 'text';

/** A machine code such as `stale_next_step`: shown as words ("stale next step"). */
const CODE = /^[a-z]+(?:_[a-z]+)+$/;

/**
 * Columns whose values add up to a meaningful total: money and counts. Days, rates,
 * percentages, probabilities and averages do not ("Stale days 14" is a setting, not a sum).
 */
export function isAdditive(key: string, kind: ColumnKind): boolean {
  if (/days|age|avg|average|mean|median|probability|rate|pct|percent|cycle|limit|offset/i.test(key))
    return false;
  return kind === 'currency' || (kind === 'number' && /count|total|deals|number/i.test(key));
}

export function columnKind(key: string, values: readonly unknown[]): ColumnKind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0 || !present.every((v) => typeof v === 'number')) return 'text';
  if (PERCENT_KEY.test(key)) return 'percent';
  if (CURRENCY_KEY.test(key) && !/count|days|probability/i.test(key)) return 'currency';
  return 'number';
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (kind === 'currency') return `${value < 0 ? '-' : ''}$${whole.format(Math.abs(value))}`;
    if (kind === 'percent') return `${oneDecimal.format(value)}%`;
    return Number.isInteger(value) ? whole.format(value) : oneDecimal.format(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, 'text')).join(', ');
  if (typeof value === 'string') return CODE.test(value) ? value.replaceAll('_', ' ') : value;
  return JSON.stringify(value) ?? '';
}

/** A GFM table cell: pipes escaped, newlines flattened, long text cut. */
export function cell(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replaceAll('\\', '\\\\').replaceAll('|', '\\|');
}

/** `openAmount` → `Open amount`, `attainmentPct` → `Attainment %`. */
export function humanize(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/\bpct\b/i, '%')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
