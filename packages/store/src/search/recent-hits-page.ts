import { matchesAllTerms, type StoredHit } from '@salescoach/domain';

/**
 * For stores without a ranked text index: keeps the candidates in which every term starts a
 * word (as FTS5 prefix queries match), newest first, and cuts the page.
 */
export function recentHitsPage(
  candidates: readonly StoredHit[],
  terms: readonly string[],
  { offset, limit }: { offset: number; limit: number },
): { hits: StoredHit[]; more: boolean } {
  const matching = candidates
    .filter((h) => matchesAllTerms(h.message.content, terms))
    .sort(
      (a, b) =>
        b.message.createdAt.localeCompare(a.message.createdAt) || b.message.seq - a.message.seq,
    );
  return {
    hits: matching.slice(offset, offset + limit),
    more: matching.length > offset + limit,
  };
}
