import { describe, expect, it } from 'vitest';
import { isBlankCell, parseNumber } from './numbers.js';

describe('parseNumber', () => {
  it.each([
    ['42', 42, 'number'],
    ['3.5', 3.5, 'number'],
    ['.5', 0.5, 'number'],
    ['1,234,567', 1_234_567, 'number'],
    ['1,234.50', 1_234.5, 'number'],
    ['1 234 567', 1_234_567, 'number'],
    ['1.234.567', 1_234_567, 'number'],
    ['1.234,5', 1_234.5, 'number'],
    ['12,5', 12.5, 'number'],
    ['-7', -7, 'number'],
    ['−7', -7, 'number'],
    ['+12', 12, 'number'],
    ['(1,200)', -1_200, 'number'],
    ['12%', 12, 'percent'],
    ['-3.5 %', -3.5, 'percent'],
    ['(4%)', -4, 'percent'],
    ['$1,200', 1_200, 'currency'],
    ['$ 1,200.75', 1_200.75, 'currency'],
    ['-$300', -300, 'currency'],
    ['$-300', -300, 'currency'],
    ['($1,200)', -1_200, 'currency'],
    ['€1.2M', 1_200_000, 'currency'],
    ['£950k', 950_000, 'currency'],
    ['$2.5B', 2_500_000_000, 'currency'],
    ['$3bn', 3_000_000_000, 'currency'],
    ['1 200 €', 1_200, 'currency'],
    ['USD 5,000', 5_000, 'currency'],
    ['5,000 EUR', 5_000, 'currency'],
    ['US$10k', 10_000, 'currency'],
    ['120K', 120_000, 'number'],
    ['1.5m', 1_500_000, 'number'],
  ] as const)('reads %s', (cell, value, unit) => {
    const parsed = parseNumber(cell);
    expect(parsed?.value).toBe(value);
    expect(parsed?.unit).toBe(unit);
  });

  it('names the currency', () => {
    expect(parseNumber('€10')?.currency).toBe('EUR');
    expect(parseNumber('£10')?.currency).toBe('GBP');
    expect(parseNumber('$10')?.currency).toBe('USD');
  });

  it.each([
    '',
    'abc',
    'Q1 2025',
    '2025-01-15',
    '10-20',
    '1,23,4',
    '$',
    '%',
    '12 apples',
    '3x',
    '$5 €',
    '1/2',
    'v1.2.3',
    'USD',
  ])('rejects %j', (cell) => {
    expect(parseNumber(cell)).toBeUndefined();
  });

  it('treats dashes and n/a as blank cells', () => {
    for (const cell of ['', ' ', '-', '—', 'N/A', 'n/a']) expect(isBlankCell(cell)).toBe(true);
    expect(isBlankCell('0')).toBe(false);
  });
});
