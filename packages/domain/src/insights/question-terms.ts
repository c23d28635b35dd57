import { STOP_WORDS } from './stop-words.js';

/** At most this many terms are kept per question (what the question log stores). */
export const MAX_TERMS = 200;
const MAX_TERM_LENGTH = 100;

/**
 * A question's fingerprint: lower-cased, accents and punctuation removed, stop words
 * dropped, each word reduced by a light stemmer; each term once, in order of appearance.
 */
export function questionTerms(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ');
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const term = stem(word).slice(0, MAX_TERM_LENGTH);
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push(term);
    if (terms.length >= MAX_TERMS) break;
  }
  return terms;
}

const SUFFIXES = ['ingly', 'edly', 'ing', 'ed', 'ly'] as const;
const DOUBLE_CONSONANT = /([b-df-hj-kmnp-rtv-y])\1$/;

/**
 * A light English stemmer: enough that "pricing", "prices" and "price" meet, as do
 * "handle" / "handling" and "quarter" / "quarterly". Words with digits are kept as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      if (DOUBLE_CONSONANT.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
