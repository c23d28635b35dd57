import type { ChartSpec } from '@salescoach/domain';

type Unit = ChartSpec['unit'];

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Axis labels and tooltips: short, unit-aware ("$1.2M", "42%", "1,234"). */
export function formatValue(value: number, unit: Unit, options: { short?: boolean } = {}): string {
  const number =
    options.short && Math.abs(value) >= 10_000 ? compact.format(value) : whole.format(value);
  switch (unit) {
    case 'currency':
      return value < 0 ? `-$${number.replace('-', '')}` : `$${number}`;
    case 'percent':
      return `${number}%`;
    default:
      return number;
  }
}

/** A cell's number, or null: spec data values are numbers already; tolerate numeric strings. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[$€£,%\s]/g, '');
  if (cleaned === '' || !/^-?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}
