import { describe, expect, it } from 'vitest';
import { parseQuarter, quarterOf } from './calendar.js';
import { isOpen } from './crm-model.js';
import { generateDataset } from './dataset.js';

const NOW = new Date('2026-11-15T12:00:00Z');

describe('CRM dataset', () => {
  it('is the same for the same seed and day, and differs for another seed', () => {
    const a = generateDataset(7, NOW);
    expect(generateDataset(7, NOW)).toEqual(a);
    expect(generateDataset(8, NOW).opportunities[0]).not.toEqual(a.opportunities[0]);
  });

  it('has the dev users, ~150 accounts and ~600 opportunities over four quarters', () => {
    const data = generateDataset(undefined, NOW);
    const byId = new Map(data.reps.map((r) => [r.id, r]));
    expect(byId.get('alex')).toMatchObject({
      name: 'Alex Rivera',
      email: 'alex@salescoach.dev',
      role: 'rep',
      managerId: 'morgan',
    });
    expect(byId.get('sam')).toMatchObject({
      name: 'Sam Chen',
      email: 'sam@salescoach.dev',
      role: 'rep',
      managerId: 'morgan',
    });
    expect(byId.get('morgan')).toMatchObject({ name: 'Morgan Lee', role: 'manager' });
    expect(data.reps.filter((r) => r.role === 'rep').length).toBeGreaterThanOrEqual(6);
    expect(data.accounts).toHaveLength(150);
    expect(data.opportunities).toHaveLength(600);
    const quarters = new Set(data.opportunities.map((o) => quarterOf(o.closeDate).key));
    expect([...quarters].sort()).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(data.opportunities.some((o) => isOpen(o.stage) && o.closeDate < data.today)).toBe(true);
    expect(data.activities.length).toBeGreaterThan(600);
  });
});

describe('quarters', () => {
  it.each([
    ['2026-Q4', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['q1 2027', '2027-Q1', '2027-01-01', '2027-03-31'],
    ['this quarter', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['next quarter', '2027-Q1', '2027-01-01', '2027-03-31'],
    ['last quarter', '2026-Q3', '2026-07-01', '2026-09-30'],
  ])('reads %s', (text, key, start, end) => {
    expect(parseQuarter(text, '2026-11-15')).toEqual({ key, start, end });
  });

  it('says what it accepts when it cannot read a quarter', () => {
    expect(() => parseQuarter('2026-Q5', '2026-11-15')).toThrow(/use YYYY-Qn/);
  });
});
