import type { ChartSpec } from '@salescoach/domain';
import { toNumber } from './format-value.js';

export interface ChartFrame {
  readonly categories: string[];
  /** values[series][category]; missing values are 0 for drawing. */
  readonly values: number[][];
  readonly min: number;
  readonly max: number;
  readonly ticks: number[];
}

/** A "nice" step (1, 2, 2.5, 5 × 10^n) so axis labels read well. */
export function niceStep(range: number, targetTicks = 4): number {
  if (range <= 0) return 1;
  const raw = range / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice =
    residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Categories, numeric series and an axis range (stacked bars stack; zero always shows). */
export function chartFrame(spec: ChartSpec): ChartFrame {
  const categories = spec.data.map((row) => String(row[spec.x.key] ?? ''));
  const values = spec.series.map((s) => spec.data.map((row) => toNumber(row[s.key]) ?? 0));
  let min = 0;
  let max = 0;
  if (spec.kind === 'stacked-bar') {
    categories.forEach((_, c) => {
      let up = 0;
      let down = 0;
      for (const series of values) {
        const v = series[c] ?? 0;
        if (v >= 0) up += v;
        else down += v;
      }
      max = Math.max(max, up);
      min = Math.min(min, down);
    });
  } else {
    for (const series of values)
      for (const v of series) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
  }
  if (max === min) max = min + 1;
  // Counts never get fractional ticks.
  const step = spec.unit === 'count' ? Math.max(1, niceStep(max - min)) : niceStep(max - min);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { categories, values, min: lo, max: hi, ticks };
}

/** An SVG arc path for one pie slice (angles in radians, clockwise from 12 o'clock). */
export function arcPath(cx: number, cy: number, r: number, start: number, end: number): string {
  if (end - start >= Math.PI * 2 - 1e-9) {
    return `M ${cx} ${cy - r} A ${r} ${r} 0 1 1 ${cx - 0.01} ${cy - r} Z`;
  }
  const x1 = cx + r * Math.sin(start);
  const y1 = cy - r * Math.cos(start);
  const x2 = cx + r * Math.sin(end);
  const y2 = cy - r * Math.cos(end);
  const large = end - start > Math.PI ? 1 : 0;
  return `M ${cx} ${cy} L ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 ${large} 1 ${x2.toFixed(2)} ${y2.toFixed(2)} Z`;
}
