import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable } from '../render/DataTable.js';
import Markdown from '../render/Markdown.js';
import { RowActionsContext } from '../render/row-actions.js';
import { dealRowActions } from './DealPracticeActions.js';
import type { ScenarioOption } from './practice-types.js';

afterEach(cleanup);

const deals: ScenarioOption[] = [
  {
    id: 'deal-opp-0562',
    title: 'Vantage Labs – Analytics (Proposal)',
    kind: 'objection',
    difficulty: 'realistic',
    opportunityId: 'opp-0562',
  },
  {
    id: 'deal-opp-0100',
    title: 'Contoso – Platform (Negotiation)',
    kind: 'negotiation',
    difficulty: 'realistic',
    opportunityId: 'opp-0100',
  },
  { id: 'discovery-easy', title: 'Discovery', kind: 'discovery', difficulty: 'easy' },
];

const answer = `Your deals at risk (from crm):

| Name | Account Name | Stage | Amount |
| --- | --- | --- | --- |
| Vantage Labs – Analytics | Vantage Labs | Proposal | $48,000 |
| Fabrikam – Platform | Fabrikam | Proposal | $12,000 |
| **Contoso – Platform** | Contoso | Negotiation | $90,000 |
`;

const links = () =>
  screen
    .queryAllByRole('link', { name: 'Practise this deal' })
    .map((a) => [a.closest('tr')?.querySelector('td')?.textContent, a.getAttribute('href')]);

describe('"Practise this deal" on answer tables', () => {
  it('marks the markdown table rows that are the rep’s own deals, by name, and only those', async () => {
    const noticed = vi.fn();
    render(
      <RowActionsContext.Provider value={dealRowActions(deals, noticed)}>
        <Markdown text={answer} />
      </RowActionsContext.Provider>,
    );
    expect(links()).toEqual([
      ['Vantage Labs – Analytics', '/practice?deal=opp-0562&start=1'],
      ['Contoso – Platform', '/practice?deal=opp-0100&start=1'],
    ]);
    // The header gets a column too, so the rows stay aligned.
    const headerCells = within(screen.getAllByRole('row')[0]!).getAllByRole('columnheader');
    expect(headerCells.map((th) => th.textContent)).toEqual([
      'Name',
      'Account Name',
      'Stage',
      'Amount',
      'Practice',
    ]);
    await waitFor(() => expect(noticed).toHaveBeenCalled());
  });

  it('uses an id column when the table has one, in attached tables too', () => {
    render(
      <RowActionsContext.Provider value={dealRowActions(deals, () => undefined)}>
        <DataTable
          table={{
            columns: ['Opportunity Id', 'Stage'],
            rows: [
              ['OPP-0100', 'Negotiation'],
              ['opp-9999', 'Proposal'],
            ],
            numericColumns: [],
          }}
        />
      </RowActionsContext.Provider>,
    );
    expect(links()).toEqual([['OPP-0100', '/practice?deal=opp-0100&start=1']]);
  });

  it('leaves tables that are not about deals, and every table before the deals load, alone', () => {
    const noticed = vi.fn();
    const { rerender } = render(
      <RowActionsContext.Provider value={dealRowActions(deals, noticed)}>
        <Markdown text={'| Stage | Deals |\n| --- | --- |\n| Proposal | 4 |\n'} />
      </RowActionsContext.Provider>,
    );
    expect(screen.getAllByRole('columnheader')).toHaveLength(2);
    expect(noticed).not.toHaveBeenCalled();
    rerender(
      <RowActionsContext.Provider value={dealRowActions(undefined, noticed)}>
        <Markdown text={answer} />
      </RowActionsContext.Provider>,
    );
    expect(links()).toEqual([]);
  });
});
