/** At most this many words of a query are searched for. */
export const MAX_SEARCH_TERMS = 8;
export const SEARCH_QUERY_MAX = 200;

/**
 * The words of a search: lower-case runs of letters and digits (any script), at least two
 * characters, each once, in order. Punctuation and operators mean nothing, so a query can
 * never become search syntax in a store.
 */
export function searchTerms(query: string): string[] {
  const words =
    query
      .slice(0, SEARCH_QUERY_MAX)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_SEARCH_TERMS);
}

/** Whether every term starts a word of `text` (what each store matches). */
export function matchesAllTerms(text: string, terms: readonly string[]): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/** A piece of a snippet; `match` pieces are the searched words (shown highlighted). */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

/**
 * Up to `max` characters of `text` around its first matching word, cut at word boundaries,
 * split into plain and matching parts. Whitespace runs are folded to one space.
 */
export function snippetParts(text: string, terms: readonly string[], max = 160): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wordAt = /[\p{L}\p{N}]+/gu;
  const matches: { start: number; end: number }[] = [];
  for (const m of flat.matchAll(wordAt)) {
    const word = m[0].toLowerCase();
    const term = terms.find((t) => word.startsWith(t));
    if (term) matches.push({ start: m.index, end: m.index + term.length });
  }
  const first = matches[0]?.start ?? 0;
  let from = Math.max(0, first - Math.floor(max / 3));
  if (from > 0) from = flat.indexOf(' ', from) + 1 || from;
  let to = Math.min(flat.length, from + max);
  if (to < flat.length) to = flat.lastIndexOf(' ', to) > from ? flat.lastIndexOf(' ', to) : to;
  const parts: SnippetPart[] = [];
  const push = (value: string, match: boolean) => {
    if (value) parts.push({ text: value, match });
  };
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    push(flat.slice(at, m.start), false);
    push(flat.slice(m.start, m.end), true);
    at = m.end;
  }
  push(flat.slice(at, to), false);
  if (from > 0) parts.unshift({ text: '…', match: false });
  if (to < flat.length) parts.push({ text: '…', match: false });
  return parts;
}
