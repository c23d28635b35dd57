import { invalid, MAX_PAGE_SIZE } from '@salescoach/domain';

/**
 * How every adapter reads `list(ref, { beforeSeq, afterSeq, limit })`:
 * - `afterSeq` given: paging FORWARD, the lowest `limit` seqs greater than afterSeq
 *   (and below beforeSeq when that is given too);
 * - otherwise paging BACKWARD: the highest `limit` seqs below beforeSeq (the newest
 *   messages when beforeSeq is absent).
 * Either way the page is returned in ascending seq order. `limit` is capped at MAX_PAGE_SIZE.
 */
export interface PageRequest {
  readonly direction: 'forward' | 'backward';
  readonly limit: number;
  readonly beforeSeq?: number;
  readonly afterSeq?: number;
}

export function toPageRequest(options: {
  beforeSeq?: number;
  afterSeq?: number;
  limit: number;
}): PageRequest {
  const { beforeSeq, afterSeq, limit } = options;
  if (!Number.isInteger(limit) || limit < 1) throw invalid('limit must be a positive integer');
  if (beforeSeq !== undefined && !Number.isInteger(beforeSeq))
    throw invalid('beforeSeq must be an integer');
  if (afterSeq !== undefined && !Number.isInteger(afterSeq))
    throw invalid('afterSeq must be an integer');
  return {
    direction: afterSeq === undefined ? 'backward' : 'forward',
    limit: Math.min(limit, MAX_PAGE_SIZE),
    ...(beforeSeq === undefined ? {} : { beforeSeq }),
    ...(afterSeq === undefined ? {} : { afterSeq }),
  };
}

/** Applies a page request to items already sorted ascending by seq. */
export function selectPage<T extends { seq: number }>(
  ascending: readonly T[],
  page: PageRequest,
): T[] {
  const inRange = (item: T) =>
    (page.beforeSeq === undefined || item.seq < page.beforeSeq) &&
    (page.afterSeq === undefined || item.seq > page.afterSeq);
  if (page.direction === 'forward') {
    const out: T[] = [];
    for (const item of ascending) {
      if (out.length >= page.limit) break;
      if (inRange(item)) out.push(item);
    }
    return out;
  }
  const out: T[] = [];
  for (let i = ascending.length - 1; i >= 0 && out.length < page.limit; i -= 1) {
    const item = ascending[i]!;
    if (inRange(item)) out.push(item);
  }
  return out.reverse();
}
