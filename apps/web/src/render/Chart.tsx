import type { ChartSpec } from '@salescoach/domain';
import { arcPath, chartFrame, type ChartFrame } from './chart-geometry.js';
import { formatValue } from './format-value.js';

/**
 * A small SVG renderer for the domain's chart spec (bar, stacked bar, line, area, pie).
 * A chart library would add ~100 KB for five shapes; this chunk is a few KB. Every chart
 * carries its numbers in a data table for screen readers and keyboard users.
 */

const W = 640;
const H = 300;
const PAD = { top: 16, right: 16, bottom: 56, left: 68 };
const color = (i: number) => `var(--chart-${(i % 6) + 1})`;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function Axes({
  spec,
  frame,
  y,
}: {
  spec: ChartSpec;
  frame: ChartFrame;
  y: (v: number) => number;
}) {
  const bandWidth = (W - PAD.left - PAD.right) / Math.max(frame.categories.length, 1);
  const labelEvery = Math.ceil(frame.categories.length / 12);
  const labelChars = Math.max(4, Math.floor((bandWidth * labelEvery) / 7));
  return (
    <g className="axes" aria-hidden="true">
      {frame.ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={PAD.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
            {formatValue(t, spec.unit, { short: true })}
          </text>
        </g>
      ))}
      {frame.categories.map((c, i) =>
        i % labelEvery === 0 ? (
          <text
            key={i}
            x={PAD.left + bandWidth * (i + 0.5)}
            y={H - PAD.bottom + 18}
            textAnchor="middle"
          >
            {truncate(c, labelChars)}
          </text>
        ) : null,
      )}
      <text
        x={PAD.left + (W - PAD.left - PAD.right) / 2}
        y={H - 8}
        textAnchor="middle"
        className="axis-label"
      >
        {spec.x.label}
      </text>
    </g>
  );
}

function Cartesian({ spec, frame }: { spec: ChartSpec; frame: ChartFrame }) {
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - ((v - frame.min) / (frame.max - frame.min)) * plotH;
  const band = (W - PAD.left - PAD.right) / Math.max(frame.categories.length, 1);
  const xCenter = (i: number) => PAD.left + band * (i + 0.5);
  const stacked = spec.kind === 'stacked-bar';
  // Bars stay bar-shaped when there are only a few categories.
  const barGroup = Math.min(band * 0.7, 56 * (stacked ? 1 : frame.values.length));
  const barW = stacked ? barGroup : barGroup / frame.values.length;
  const base = new Array<number>(frame.categories.length).fill(0);

  return (
    <>
      <Axes spec={spec} frame={frame} y={y} />
      {frame.values.map((series, s) => {
        const label = spec.series[s]?.label ?? '';
        if (spec.kind === 'line' || spec.kind === 'area') {
          const points = series
            .map((v, i) => `${xCenter(i).toFixed(1)},${y(v).toFixed(1)}`)
            .join(' ');
          return (
            <g key={s} className="series">
              {spec.kind === 'area' && (
                <polygon
                  points={`${xCenter(0)},${y(0)} ${points} ${xCenter(series.length - 1)},${y(0)}`}
                  fill={color(s)}
                  opacity={0.25}
                />
              )}
              <polyline points={points} fill="none" stroke={color(s)} strokeWidth={2.5} />
              {series.map((v, i) => (
                <circle key={i} cx={xCenter(i)} cy={y(v)} r={3.5} fill={color(s)}>
                  <title>{`${frame.categories[i]} · ${label}: ${formatValue(v, spec.unit)}`}</title>
                </circle>
              ))}
            </g>
          );
        }
        return (
          <g key={s} className="series">
            {series.map((v, i) => {
              const x = stacked ? xCenter(i) - barGroup / 2 : xCenter(i) - barGroup / 2 + barW * s;
              const from = stacked ? (base[i] ?? 0) : 0;
              const to = from + v;
              if (stacked) base[i] = to;
              const top = y(Math.max(from, to));
              const height = Math.max(Math.abs(y(from) - y(to)), v === 0 ? 0 : 1);
              return (
                <rect
                  key={i}
                  x={x}
                  y={top}
                  width={Math.max(barW - 2, 1)}
                  height={height}
                  rx={2}
                  fill={color(s)}
                >
                  <title>{`${frame.categories[i]} · ${label}: ${formatValue(v, spec.unit)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </>
  );
}

function Pie({ spec, frame }: { spec: ChartSpec; frame: ChartFrame }) {
  const values = (frame.values[0] ?? []).map((v) => Math.max(v, 0));
  const total = values.reduce((a, b) => a + b, 0) || 1;
  const cx = W / 2;
  const cy = H / 2;
  const r = H / 2 - 16;
  let angle = 0;
  return (
    <g className="pie">
      {values.map((v, i) => {
        const start = angle;
        angle += (v / total) * Math.PI * 2;
        return (
          <path
            key={i}
            d={arcPath(cx, cy, r, start, angle)}
            fill={color(i)}
            stroke="var(--surface)"
            strokeWidth={1.5}
          >
            <title>{`${frame.categories[i]}: ${formatValue(v, spec.unit)} (${Math.round((v / total) * 100)}%)`}</title>
          </path>
        );
      })}
    </g>
  );
}

export default function Chart({ spec }: { spec: ChartSpec }) {
  const frame = chartFrame(spec);
  const pie = spec.kind === 'pie';
  const legend = pie ? frame.categories : spec.series.map((s) => s.label);
  const summary = `${spec.kind} chart: ${spec.title}. ${frame.categories.length} ${spec.x.label || 'categories'}.`;
  return (
    <figure className="chart">
      <figcaption>{spec.title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        data-chart-kind={spec.kind}
        preserveAspectRatio="xMidYMid meet"
      >
        {pie ? <Pie spec={spec} frame={frame} /> : <Cartesian spec={spec} frame={frame} />}
      </svg>
      {(legend.length > 1 || pie) && (
        <ul className="legend" aria-label="Legend">
          {legend.map((label, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: color(i) }} aria-hidden="true" />
              {label}
            </li>
          ))}
        </ul>
      )}
      <details className="chart-data">
        <summary>Data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{spec.x.label}</th>
              {spec.series.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {frame.categories.map((c, i) => (
              <tr key={i}>
                <th scope="row">{c}</th>
                {frame.values.map((series, s) => (
                  <td key={s} className="num">
                    {formatValue(series[i] ?? 0, spec.unit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
