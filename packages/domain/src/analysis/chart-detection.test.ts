import { describe, expect, it } from 'vitest';
import { chartSpecSchema } from '../model/chart.js';
import { chartsFromModelBlocks, chartsFromStructured, chartsFromTable } from './chart-detection.js';
import { extractTables } from './markdown-tables.js';

const table = (markdown: string) => {
  const [t] = extractTables(markdown);
  if (!t) throw new Error('no table');
  return t;
};

describe('chartsFromTable', () => {
  it('draws category + amounts as a bar chart, without the total row', () => {
    const charts = chartsFromTable(
      table(
        '| Stage | Amount |\n|---|---:|\n| Prospecting | $120,000 |\n| Proposal | $1.2M |\n| Negotiation | $300k |\n| **Total** | $1.62M |\n',
      ),
    );
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    expect(chart?.kind).toBe('bar');
    expect(chart?.unit).toBe('currency');
    expect(chart?.source).toBe('table');
    expect(chart?.x).toEqual({ key: 'stage', label: 'Stage' });
    expect(chart?.data).toEqual([
      { stage: 'Prospecting', amount: 120_000 },
      { stage: 'Proposal', amount: 1_200_000 },
      { stage: 'Negotiation', amount: 300_000 },
    ]);
    expect(chartSpecSchema.safeParse(chart).success).toBe(true);
  });

  it('draws months and quarters as lines', () => {
    const months = chartsFromTable(
      table(
        '| Month | Bookings |\n|---|---|\n| Jan 2025 | $10k |\n| Feb 2025 | $12k |\n| Mar 2025 | $9k |\n',
      ),
    );
    expect(months.map((c) => c.kind)).toEqual(['line']);
    const quarters = chartsFromTable(
      table('| Period | Won | Lost |\n|---|---|---|\n| Q1 2025 | 4 | 2 |\n| Q2 2025 | 6 | 1 |\n'),
    );
    expect(quarters[0]?.kind).toBe('line');
    expect(quarters[0]?.series.map((s) => s.key)).toEqual(['won', 'lost']);
    expect(quarters[0]?.unit).toBe('count');
  });

  it('draws shares of a whole as a pie, and separates units', () => {
    const charts = chartsFromTable(
      table(
        '| Segment | Amount | Share |\n|---|---|---|\n| Enterprise | $600k | 60% |\n| Mid-market | $300k | 30% |\n| SMB | $100k | 10% |\n',
      ),
    );
    expect(charts.map((c) => [c.kind, c.unit])).toEqual([
      ['bar', 'currency'],
      ['pie', 'percent'],
    ]);
    expect(charts[1]?.series).toEqual([{ key: 'share', label: 'Share' }]);
  });

  it('keeps percentages that do not add up to 100 as bars', () => {
    const charts = chartsFromTable(
      table('| Rep | Win rate |\n|---|---|\n| Alex | 30% |\n| Sam | 45% |\n'),
    );
    expect(charts.map((c) => c.kind)).toEqual(['bar']);
  });

  it('does not chart more than 8 slices as a pie', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `| S${i} | 10% |`).join('\n');
    const charts = chartsFromTable(table(`| Source | Share |\n|---|---|\n${rows}\n`));
    expect(charts.map((c) => c.kind)).toEqual(['bar']);
  });

  it('maps blank cells to null and ignores rank and id columns', () => {
    const [chart] = chartsFromTable(
      table(
        '| # | Account | Amount |\n|---|---|---|\n| 1 | Contoso | $5k |\n| 2 | Fabrikam | — |\n',
      ),
    );
    expect(chart?.series.map((s) => s.label)).toEqual(['Amount']);
    expect(chart?.data[1]).toEqual({ account: 'Fabrikam', amount: null });
  });

  it('finds nothing to chart in text-only tables or single rows', () => {
    expect(
      chartsFromTable(
        table('| Objection | Answer |\n|---|---|\n| Price | Value |\n| Timing | Urgency |\n'),
      ),
    ).toEqual([]);
    expect(chartsFromTable(table('| Stage | Amount |\n|---|---|\n| Won | $5k |\n'))).toEqual([]);
  });

  it('gives duplicate headers distinct keys', () => {
    const [chart] = chartsFromTable(
      table('| Rep | Amount | Amount |\n|---|---|---|\n| A | 1 | 2 |\n| B | 3 | 4 |\n'),
    );
    expect(chart?.series.map((s) => s.key)).toEqual(['amount', 'amount2']);
  });
});

describe('chartsFromStructured', () => {
  it('charts rows of objects found under a key', () => {
    const charts = chartsFromStructured(
      {
        quarter: 'Q3 2025',
        rows: [
          { stage: 'Qualification', count: 5, amount: 250_000 },
          { stage: 'Proposal', count: 3, amount: 420_000 },
          { stage: 'Negotiation', count: 2, amount: 180_000 },
        ],
      },
      'Pipeline summary',
    );
    expect(charts.map((c) => [c.kind, c.unit, c.source])).toEqual([
      ['bar', 'currency', 'tool'],
      ['bar', 'count', 'tool'],
    ]);
    expect(charts[0]?.title).toContain('Pipeline summary');
    expect(charts[0]?.data[1]).toEqual({ stage: 'Proposal', amount: 420_000 });
  });

  it('uses a time key for a line, and never ids as categories or measures', () => {
    const charts = chartsFromStructured(
      [
        { id: 'o1', month: '2025-07', accountId: 7, amount: 10 },
        { id: 'o2', month: '2025-08', accountId: 8, amount: 20 },
      ],
      'Forecast',
    );
    expect(charts).toHaveLength(1);
    expect(charts[0]?.kind).toBe('line');
    expect(charts[0]?.x.key).toBe('month');
    expect(charts[0]?.series.map((s) => s.key)).toEqual(['amount']);
  });

  it('returns nothing for shapes without rows', () => {
    for (const data of [
      undefined,
      null,
      42,
      'text',
      { total: 5 },
      [1, 2, 3],
      [{ a: 1 }],
      { rows: [{ name: 'x' }, { name: 'y' }] },
    ]) {
      expect(chartsFromStructured(data, 't')).toEqual([]);
    }
  });
});

describe('chartsFromModelBlocks', () => {
  const valid = {
    kind: 'bar',
    title: 'Deals by rep',
    x: { key: 'rep', label: 'Rep' },
    series: [{ key: 'deals', label: 'Deals' }],
    data: [
      { rep: 'Alex', deals: 3 },
      { rep: 'Sam', deals: 5 },
    ],
  };

  it('keeps a valid chart block, marked as from the model', () => {
    const charts = chartsFromModelBlocks(
      `Here:\n\n\`\`\`chart\n${JSON.stringify(valid)}\n\`\`\`\n`,
    );
    expect(charts).toHaveLength(1);
    expect(charts[0]?.source).toBe('model');
    expect(charts[0]?.data).toEqual(valid.data);
  });

  it('drops invalid blocks without throwing', () => {
    const blocks = [
      '{ not json',
      JSON.stringify({ ...valid, kind: 'radar' }),
      JSON.stringify({ ...valid, series: [] }),
      JSON.stringify({ ...valid, data: [{ rep: 'Alex' }] }),
      '[1,2]',
      '',
    ];
    const markdown = blocks.map((b) => `\`\`\`chart\n${b}\n\`\`\``).join('\n\n');
    expect(chartsFromModelBlocks(markdown)).toEqual([]);
  });

  it('ignores other code blocks', () => {
    expect(chartsFromModelBlocks(`\`\`\`json\n${JSON.stringify(valid)}\n\`\`\``)).toEqual([]);
  });
});

describe('chartsFromStructured on CRM-shaped output', () => {
  it('labels a generic group key by groupBy and keeps currency apart from counts', () => {
    const charts = chartsFromStructured(
      {
        quarter: '2026-Q4',
        groupBy: 'stage',
        rows: [
          {
            group: 'Proposal',
            count: 3,
            amount: 420_000,
            openAmount: 420_000,
            weightedAmount: 210_000,
            wonAmount: 0,
          },
          {
            group: 'Negotiation',
            count: 2,
            amount: 180_000,
            openAmount: 180_000,
            weightedAmount: 144_000,
            wonAmount: 0,
          },
        ],
        total: { count: 5, amount: 600_000 },
      },
      'Pipeline summary',
    );
    expect(charts.map((c) => [c.kind, c.unit, c.x.label])).toEqual([
      ['bar', 'currency', 'Stage'],
      ['bar', 'count', 'Stage'],
    ]);
    expect(charts[0]?.series.map((s) => s.key)).toEqual([
      'amount',
      'openAmount',
      'weightedAmount',
      'wonAmount',
    ]);
  });

  it('reads units from key names: deals are counts, best case is money, rates are percentages', () => {
    const charts = chartsFromStructured(
      [
        { repId: 'r1', name: 'Alex', bestCase: 120_000, dealsWon: 3, winRatePct: 40 },
        { repId: 'r2', name: 'Sam', bestCase: 90_000, dealsWon: 5, winRatePct: 55 },
      ],
      'Scorecard',
    );
    expect(charts.map((c) => [c.unit, c.series.map((s) => s.key)])).toEqual([
      ['currency', ['bestCase']],
      ['count', ['dealsWon']],
    ]);
  });
});
