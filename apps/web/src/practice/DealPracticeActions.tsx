import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTRPC } from '../api/trpc-react.js';
import { Link } from '../app/router.js';
import { RowActionsContext, type RowActions } from '../render/row-actions.js';
import { dealOfRow, looksLikeDeals } from './deal-rows.js';
import type { ScenarioOption } from './practice-types.js';

/** Where "Practise this deal" goes: the practice page, which starts the deal practice at once. */
export const practiseDealHref = (opportunityId: string): string =>
  `/practice?deal=${encodeURIComponent(opportunityId)}&start=1`;

/** The row actions for the rep's deals (`undefined` while they are not loaded). */
export function dealRowActions(
  deals: readonly ScenarioOption[] | undefined,
  noticed: () => void,
): RowActions {
  return {
    header: 'Practice',
    appliesTo: looksLikeDeals,
    noticed,
    render(headers, cells) {
      const id = deals ? dealOfRow(headers, cells, deals) : undefined;
      return id ? (
        <Link to={practiseDealHref(id)} className="button small">
          Practise this deal
        </Link>
      ) : null;
    },
  };
}

/**
 * "Practise this deal" on the rows of answer tables that stand for one of the rep's own open
 * deals. The deals load the first time such a table is on screen.
 */
export function DealPracticeActions({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const [wanted, setWanted] = useState(false);
  const scenarios = useQuery({
    ...trpc.practice.scenarios.queryOptions(),
    enabled: wanted,
    staleTime: 60_000,
  });
  const deals = scenarios.data;
  const actions = useMemo(() => dealRowActions(deals, () => setWanted(true)), [deals]);
  return <RowActionsContext.Provider value={actions}>{children}</RowActionsContext.Provider>;
}
