/** What the offline model reads from a question: plain word and pattern matching, no language model. */
export interface QuestionFacts {
  readonly text: string;
  /** Lower-cased words, possessive `'s` removed. */
  readonly words: readonly string[];
  /** `2026-Q4`, when the question names a quarter (absolute or relative). */
  readonly quarter?: string;
  /** The word after "by" / "per" ("by stage" → `stage`). */
  readonly groupBy?: string;
  /** "my", "mine", "I", "assigned to me": the asker's own data. */
  readonly aboutMe: boolean;
  /** Capitalised names that are not ordinary words: likely accounts ("Contoso", "Fabrikam Inc"). */
  readonly names: readonly string[];
  /** "over $50k", "above 1.2M": a minimum amount in dollars. */
  readonly minAmount?: number;
}

const NOT_NAMES = new Set(
  (
    'how what which who whom whose when where why show list give tell is are was were do does did can could should would will ' +
    'please my our your the a an i me we compare find get summarize summarise any all help explain draft write prepare ' +
    'q1 q2 q3 q4 fy crm usd meddicc meddic bant spin ai ok hi hello thanks thank ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'prospecting qualification proposal negotiation closed won lost open pipeline forecast'
  ).split(' '),
);

/**
 * The question as the asker meant it: without the "Sam Chen: " speaker prefix a room adds,
 * `@coach` and other @mentions, or a leading "coach," said to the coach. None of those is
 * what the question is about.
 */
export function addressedQuestion(text: string): string {
  return text
    .replace(/^(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*:\s+/, '')
    .replace(/(?<![\w.])@[\w.-]+[,:]?/g, ' ')
    .replace(/^\s*(?:hey\s+|hi\s+)?coach\b[,:!]?\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function readQuestion(text: string, now: Date): QuestionFacts {
  const words = text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9$.-]+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length > 0);
  const quarter = readQuarter(text.toLowerCase(), now);
  const groupBy =
    /\b(?:by|per|across)\s+(stage|owner|rep|month|region|industry|quarter|account)s?\b/i
      .exec(text)?.[1]
      ?.toLowerCase();
  const minAmount = readMinAmount(text);
  return {
    text,
    words,
    ...(quarter === undefined ? {} : { quarter }),
    ...(groupBy === undefined ? {} : { groupBy }),
    // "Tell me about …" is not about the asker's data; "my deals", "am I", "assigned to me" are.
    aboutMe: /\b(?:my|mine|myself|i|i'm|i’m)\b|\b(?:assigned to|owned by|for) me\b/i.test(text),
    names: readNames(text),
    ...(minAmount === undefined ? {} : { minAmount }),
  };
}

export function quarterKey(year: number, quarterIndex: number): string {
  const y = year + Math.floor(quarterIndex / 4);
  const q = ((quarterIndex % 4) + 4) % 4;
  return `${y}-Q${q + 1}`;
}

function readQuarter(lower: string, now: Date): string | undefined {
  const year = now.getUTCFullYear();
  const current = Math.floor(now.getUTCMonth() / 3);
  if (/\b(?:this|current|the current)\s+(?:quarter|qtr|q)\b/.test(lower))
    return quarterKey(year, current);
  if (/\bnext\s+(?:quarter|qtr|q)\b/.test(lower)) return quarterKey(year, current + 1);
  if (/\b(?:last|previous|prior)\s+(?:quarter|qtr|q)\b/.test(lower))
    return quarterKey(year, current - 1);
  const yearFirst = /\b(20\d{2})\s*-?\s*q([1-4])\b/.exec(lower);
  if (yearFirst) return quarterKey(Number(yearFirst[1]), Number(yearFirst[2]) - 1);
  const quarterFirst = /\bq([1-4])(?:\s*(?:of\s+)?(?:fy\s*)?(20\d{2}|\d{2}))?\b/.exec(lower);
  if (quarterFirst) {
    const given = quarterFirst[2];
    const y =
      given === undefined ? year : given.length === 2 ? 2000 + Number(given) : Number(given);
    return quarterKey(y, Number(quarterFirst[1]) - 1);
  }
  return undefined;
}

function readMinAmount(text: string): number | undefined {
  const match =
    /\b(?:over|above|more than|greater than|at least|bigger than|larger than|>=?)\s*\$?\s*(\d+(?:[.,]\d+)*)\s*(k|m|mm|million|thousand)?\b/i.exec(
      text,
    );
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replaceAll(',', ''));
  if (!Number.isFinite(value)) return undefined;
  const unit = match[2]?.toLowerCase();
  const factor =
    unit === 'k' || unit === 'thousand'
      ? 1_000
      : unit === 'm' || unit === 'mm' || unit === 'million'
        ? 1_000_000
        : 1;
  return value * factor;
}

/** Runs of capitalised words ("Contoso", "Fabrikam Inc") that are not question words or known terms. */
export function readNames(text: string): string[] {
  const names: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) names.push(run.join(' '));
    run = [];
  };
  for (const token of text.split(/\s+/)) {
    const word = token
      .replace(/['’]s$/, '')
      .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9&.-]+$/g, '')
      .replace(/\.$/, '');
    const capitalised = /^[A-Z][A-Za-z0-9&.-]*$/.test(word) && !NOT_NAMES.has(word.toLowerCase());
    if (capitalised) run.push(word);
    else flush();
    // A name ends at punctuation: "Contoso, Fabrikam" are two names.
    if (/[,;:!?—–]$/.test(token) || /['’]s$/.test(token)) flush();
  }
  flush();
  return [...new Set(names)];
}
