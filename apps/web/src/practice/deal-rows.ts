import type { ScenarioOption } from './practice-types.js';

const squash = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');

/** Column headers that carry an opportunity's id, or its name. */
const ID_HEADERS = new Set(['id', 'opportunityid', 'oppid', 'dealid', 'opportunity', 'deal']);
const NAME_HEADERS = new Set(['name', 'opportunity', 'opportunityname', 'deal', 'dealname']);

/** Whether a table with these headers lists deals (by id or by name). */
export function looksLikeDeals(headers: readonly string[]): boolean {
  return headers.some((h) => ID_HEADERS.has(squash(h)) || NAME_HEADERS.has(squash(h)));
}

/**
 * The opportunity a table row stands for, among the deals the rep may practise on: an id
 * column whose cell is one of their deals' ids, else a name column whose cell is exactly one
 * of their deals' names (a deal scenario's title is `<name> (<stage>)`). Ambiguous names
 * match nothing.
 */
export function dealOfRow(
  headers: readonly string[],
  cells: readonly string[],
  deals: readonly ScenarioOption[],
): string | undefined {
  const ids = new Map(
    deals.flatMap((d) =>
      d.opportunityId ? [[d.opportunityId.toLowerCase(), d.opportunityId]] : [],
    ),
  );
  for (const [i, header] of headers.entries()) {
    if (!ID_HEADERS.has(squash(header))) continue;
    const id = ids.get((cells[i] ?? '').trim().toLowerCase());
    if (id) return id;
  }
  for (const [i, header] of headers.entries()) {
    if (!NAME_HEADERS.has(squash(header))) continue;
    const name = (cells[i] ?? '').trim();
    if (!name) continue;
    const found = deals.filter((d) => d.opportunityId && d.title.startsWith(`${name} (`));
    if (found.length === 1) return found[0]?.opportunityId;
  }
  return undefined;
}
