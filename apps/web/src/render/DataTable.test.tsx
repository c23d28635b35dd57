import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from './DataTable.js';

afterEach(cleanup);

describe('DataTable', () => {
  const table = {
    title: 'Pipeline by stage',
    columns: ['Stage', 'Deals', 'Amount'],
    rows: [
      ['Prospecting', '4', '$40,000'],
      ['Proposal', '2', '$120,000'],
    ],
    numericColumns: [1, 2],
  };

  it('shows the title, headers and every cell', () => {
    render(<DataTable table={table} />);
    expect(screen.getByText('Pipeline by stage')).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Stage',
      'Deals',
      'Amount',
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual(table.rows);
  });

  it('right-aligns numeric columns only', () => {
    render(<DataTable table={table} />);
    const amount = screen.getByRole('cell', { name: '$120,000' });
    const stage = screen.getByRole('cell', { name: 'Proposal' });
    expect(amount.className).toBe('num');
    expect(stage.className).toBe('');
  });

  it('is a keyboard-focusable scroll group named after the table (not a landmark)', () => {
    render(<DataTable table={table} />);
    const region = screen.getByRole('group', { name: 'Pipeline by stage' });
    expect(region.tabIndex).toBe(0);
  });
});
