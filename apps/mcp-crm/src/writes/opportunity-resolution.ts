import { AccessDenied, type Viewer } from '../auth/caller-scope.js';
import { type CrmDataset, isOpen, type Opportunity } from '../crm-model.js';
import { namedBy, nameWords } from '../opportunity-words.js';
import type { OpportunityRef } from './write-schemas.js';

/** One opportunity, or several the words match (the caller must pick one). */
export type Resolution =
  | { readonly kind: 'one'; readonly opportunity: Opportunity }
  | { readonly kind: 'many'; readonly matches: readonly Opportunity[] };

const SCOPE_RULE = 'a rep changes only their own deals, a manager their team’s';

/** The opportunities the viewer may change: a rep their own, a manager their team's. */
export const mayChange = (viewer: Viewer, opportunity: Opportunity): boolean =>
  viewer.scope.repIds.has(opportunity.ownerId);

/**
 * Finds the opportunity a write names, among those the viewer may change only: an id, or words
 * that all appear in the opportunity's or its account's name. When both open and closed deals
 * match the words, only the open ones count (a write is almost always about a live deal).
 * A deal outside the viewer's scope is reported exactly like one that does not exist.
 */
export function resolveOpportunity(
  data: CrmDataset,
  ref: OpportunityRef,
  viewer: Viewer,
): Resolution {
  const changeable = data.opportunities.filter((o) => mayChange(viewer, o));
  if (ref.opportunityId !== undefined) {
    const found = changeable.find((o) => o.id === ref.opportunityId);
    if (!found)
      throw new AccessDenied(
        `no opportunity "${ref.opportunityId}" among the deals you may change (${SCOPE_RULE})`,
      );
    return { kind: 'one', opportunity: found };
  }
  if (ref.opportunity === undefined)
    throw new Error(
      'say which opportunity: give opportunityId (e.g. opp-0408) or opportunity (words from its name or account name)',
    );
  const accountNames = new Map(data.accounts.map((a) => [a.id, a.name]));
  const words = nameWords(ref.opportunity);
  const matches = changeable.filter((o) =>
    namedBy(words, o.name, accountNames.get(o.accountId) ?? ''),
  );
  const open = matches.filter((o) => isOpen(o.stage));
  const candidates = open.length > 0 ? open : matches;
  const [first] = candidates;
  if (!first)
    throw new AccessDenied(
      `no opportunity matching "${ref.opportunity}" among the deals you may change (${SCOPE_RULE})`,
    );
  return candidates.length === 1
    ? { kind: 'one', opportunity: first }
    : { kind: 'many', matches: candidates };
}
