/**
 * Evidence is a verbatim quote from one of the rep's own turns. A quote is accepted when it
 * appears in a rep turn, ignoring case, runs of whitespace and curly quotes; what is kept is
 * the text exactly as the rep wrote it. Anything else (a paraphrase, the buyer's words, an
 * invention) is not evidence.
 */
const MIN_QUOTE_CHARS = 4;

const fold = (c: string): string => {
  if (c === '\u2018' || c === '\u2019') return "'";
  if (c === '\u201c' || c === '\u201d') return '"';
  return c.toLowerCase();
};

/** The folded text and, for each folded character, its index in the original. */
function normalize(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      if (!inSpace && folded !== '') {
        folded += ' ';
        origin.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    folded += fold(c);
    origin.push(i);
  }
  return { folded, origin };
}

const trimQuote = (quote: string): string =>
  quote
    .trim()
    .replace(/^["'\u201c\u2018]+|["'\u201d\u2019]+$/g, '')
    .trim();

/** The quote as the rep wrote it, or undefined when it is not in any of the rep's turns. */
export function verbatimQuote(
  quote: string | undefined,
  repLines: readonly string[],
): string | undefined {
  if (quote === undefined) return undefined;
  const wanted = normalize(trimQuote(quote)).folded.trim();
  if (wanted.length < MIN_QUOTE_CHARS) return undefined;
  for (const line of repLines) {
    const { folded, origin } = normalize(line);
    const at = folded.indexOf(wanted);
    if (at < 0) continue;
    const start = origin[at] ?? 0;
    const end = (origin[at + wanted.length - 1] ?? start) + 1;
    return line.slice(start, end);
  }
  return undefined;
}
