/** Reading a rep's turns: sentences, questions, and cue matching shared by buyer and scorer. */

export interface Sentence {
  /** Index of the rep turn it comes from. */
  readonly turn: number;
  /** The sentence exactly as written (a substring of the turn). */
  readonly text: string;
  readonly question: boolean;
  readonly open: boolean;
}

const OPEN_WORDS = new Set([
  'what',
  'how',
  'why',
  'who',
  'whom',
  'which',
  'where',
  'when',
  'walk me through',
  'tell me',
  'help me understand',
  'talk me through',
  'describe',
]);
/** The first question word of a sentence decides whether it is open (what, how…) or closed (do, is…). */
const QUESTION_WORD =
  /\b(what|how|why|who|whom|which|where|when|walk me through|tell me|help me understand|talk me through|describe|do|does|did|is|are|was|were|can|could|would|will|have|has|should|shall|any)\b/i;
const STARTS_AS_QUESTION =
  /^(?:so,?\s+|and\s+|but\s+|also,?\s+|okay,?\s+|ok,?\s+|great,?\s+|thanks,?\s+)?(what|how|why|who|which|where|when|walk me through|tell me|help me understand|talk me through|describe|do|does|did|is|are|can|could|would|will|have|has|should|shall)\b/i;

/** "Walk me through …" asks, whatever punctuation ends it. */
const IMPERATIVE_ASK =
  /^(?:so,?\s+|and\s+|okay,?\s+|ok,?\s+)?(walk me through|tell me|help me understand|talk me through|describe)\b/i;

/** Splits a turn into sentences, each a verbatim substring of it. */
export function sentencesOf(turnText: string, turn: number): Sentence[] {
  const out: Sentence[] = [];
  const pattern = /[^.!?\n]+(?:[.!?]+|$)/g;
  for (const match of turnText.matchAll(pattern)) {
    const text = match[0].trim();
    if (text.length < 2) continue;
    // "So what I'm hearing is …" starts like a question but ends like a statement.
    const question =
      text.endsWith('?') ||
      IMPERATIVE_ASK.test(text) ||
      (STARTS_AS_QUESTION.test(text) && !/[.!]$/.test(text));
    const first = QUESTION_WORD.exec(text)?.[1]?.toLowerCase();
    const open = question && first !== undefined && OPEN_WORDS.has(first);
    out.push({ turn, text, question, open });
  }
  return out;
}

export function sentencesOfTurns(turns: readonly string[]): Sentence[] {
  return turns.flatMap((t, i) => sentencesOf(t, i));
}

const cache = new Map<string, RegExp>();

/** A cue as a case-insensitive whole-word pattern; `*` at the end matches any ending. */
function cuePattern(cue: string): RegExp {
  let pattern = cache.get(cue);
  if (!pattern) {
    const wild = cue.endsWith('*');
    const body = (wild ? cue.slice(0, -1) : cue)
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    pattern = new RegExp(
      `(?:^|[^\\p{L}\\p{N}])${body}${wild ? '[\\p{L}\\p{N}]*' : ''}(?=$|[^\\p{L}\\p{N}])`,
      'iu',
    );
    cache.set(cue, pattern);
  }
  return pattern;
}

export function matchesAny(text: string, cues: readonly string[]): boolean {
  return cues.some((cue) => cuePattern(cue).test(text));
}
