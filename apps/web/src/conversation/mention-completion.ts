/** `@` mention completion in the message box (the coach is `@coach`; people by first name). */

export interface MentionMatch {
  /** What follows the @ so far. */
  readonly query: string;
  /** Index of the @. */
  readonly start: number;
  /** The caret position the mention runs to. */
  readonly end: number;
  readonly options: readonly string[];
}

const MENTION_BEFORE_CARET = /(^|\s)@([\p{L}\p{N}_.-]*)$/u;

export function findMention(
  text: string,
  caret: number,
  candidates: readonly string[],
): MentionMatch | null {
  const match = MENTION_BEFORE_CARET.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  const lower = query.toLowerCase();
  const options = [...new Set(candidates)].filter(
    (c) => c.toLowerCase().startsWith(lower) && c.toLowerCase() !== lower,
  );
  if (options.length === 0) return null;
  return { query, start: caret - query.length - 1, end: caret, options };
}

/** Replaces the partial mention with the choice and a trailing space; returns the new caret. */
export function applyMention(
  text: string,
  match: MentionMatch,
  choice: string,
): { text: string; caret: number } {
  const inserted = `@${choice} `;
  const rest = text.slice(match.end).replace(/^\s/, '');
  return {
    text: text.slice(0, match.start) + inserted + rest,
    caret: match.start + inserted.length,
  };
}

/** A first name usable after @ (no spaces). */
export function mentionHandle(name: string): string {
  return (name.trim().split(/\s+/)[0] ?? name).toLowerCase();
}
