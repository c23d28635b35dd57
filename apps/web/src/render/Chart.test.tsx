import type { ChartSpec } from '@salescoach/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Chart from './Chart.js';
import { chartFrame, niceStep } from './chart-geometry.js';
import { formatValue } from './format-value.js';

afterEach(cleanup);

const base: ChartSpec = {
  kind: 'bar',
  title: 'Pipeline by stage',
  x: { key: 'stage', label: 'Stage' },
  series: [
    { key: 'amount', label: 'Amount' },
    { key: 'weighted', label: 'Weighted' },
  ],
  data: [
    { stage: 'Prospecting', amount: 40000, weighted: 4000 },
    { stage: 'Proposal', amount: 120000, weighted: 60000 },
    { stage: 'Negotiation', amount: 80000, weighted: 64000 },
  ],
  unit: 'currency',
  source: 'table',
};

describe('Chart', () => {
  it('draws one bar per category and series, labelled for screen readers', () => {
    const { container } = render(<Chart spec={base} />);
    const svg = screen.getByRole('img', { name: /bar chart: Pipeline by stage/ });
    expect(svg.getAttribute('data-chart-kind')).toBe('bar');
    expect(container.querySelectorAll('svg rect')).toHaveLength(6);
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain('Weighted');
  });

  it('carries its numbers in a data table', () => {
    render(<Chart spec={base} />);
    const row = screen.getByRole('row', { name: /Proposal/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['$120,000', '$60,000']);
  });

  it('draws lines, areas and pies', () => {
    const { container, rerender } = render(<Chart spec={{ ...base, kind: 'line' }} />);
    expect(container.querySelectorAll('polyline')).toHaveLength(2);
    rerender(<Chart spec={{ ...base, kind: 'area' }} />);
    expect(container.querySelectorAll('polygon')).toHaveLength(2);
    rerender(<Chart spec={{ ...base, kind: 'pie', series: [base.series[0]!] }} />);
    expect(container.querySelectorAll('svg path')).toHaveLength(3);
  });

  it('stacks stacked bars on one axis sized to the totals', () => {
    const frame = chartFrame({ ...base, kind: 'stacked-bar' });
    expect(frame.max).toBeGreaterThanOrEqual(180000);
    expect(chartFrame(base).max).toBeLessThan(180000);
  });

  it('uses whole-number ticks for counts', () => {
    const frame = chartFrame({
      ...base,
      unit: 'count',
      series: [base.series[0]!],
      data: [
        { stage: 'A', amount: 2 },
        { stage: 'B', amount: 1 },
      ],
    });
    expect(frame.ticks.every((t) => Number.isInteger(t))).toBe(true);
  });

  it('survives empty and non-numeric data', () => {
    const { container } = render(
      <Chart spec={{ ...base, data: [{ stage: 'A', amount: 'n/a', weighted: null }] }} />,
    );
    expect(container.querySelector('svg')).not.toBeNull();
  });
});

describe('chart numbers', () => {
  it('picks readable axis steps', () => {
    expect(niceStep(100)).toBe(25);
    expect(niceStep(1_000_000)).toBe(250_000);
    expect(niceStep(7)).toBe(2);
  });

  it('formats by unit', () => {
    expect(formatValue(1234, 'currency')).toBe('$1,234');
    expect(formatValue(1_250_000, 'currency', { short: true })).toBe('$1.3M');
    expect(formatValue(42, 'percent')).toBe('42%');
  });
});
