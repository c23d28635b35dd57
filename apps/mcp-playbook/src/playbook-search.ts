import type { PlaybookNote } from './playbook-notes.js';

export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly score: number;
  readonly excerpt: string;
}

const STOP_WORDS = new Set(
  'a an and are as at be but by do does for from has have how i if in is it its me my of on or our so that the their them they this to was we what when which who why will with you your'.split(
    ' ',
  ),
);

/** Lower-cased word stems: a trailing plural or -ing/-ed is dropped so "objections" finds "objection". */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) => w.replace(/(ing|ed|es|s)$/, '') || w);
}

/** TF-IDF search over short notes; the title counts double. */
export class PlaybookIndex {
  private readonly docs: { note: PlaybookNote; tf: Map<string, number>; length: number }[];
  private readonly idf = new Map<string, number>();

  constructor(notes: readonly PlaybookNote[]) {
    this.docs = notes.map((note) => {
      const words = [...terms(note.title), ...terms(note.title), ...terms(note.content)];
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      return { note, tf, length: words.length };
    });
    const df = new Map<string, number>();
    for (const doc of this.docs) for (const w of doc.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.idf.set(w, Math.log(1 + this.docs.length / n));
  }

  search(query: string, limit: number): SearchHit[] {
    const wanted = [...new Set(terms(query))];
    if (wanted.length === 0) return [];
    return this.docs
      .map(({ note, tf, length }) => {
        const score = wanted.reduce(
          (s, w) => s + ((tf.get(w) ?? 0) / Math.sqrt(length)) * (this.idf.get(w) ?? 0),
          0,
        );
        return {
          id: note.id,
          title: note.title,
          score: Math.round(score * 1000) / 1000,
          excerpt: excerpt(note.content, wanted),
        };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}

/** The line of the note that mentions the most query terms, trimmed. */
function excerpt(content: string, wanted: readonly string[], max = 280): string {
  const lines = content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  let best = lines[0] ?? '';
  let bestHits = -1;
  for (const line of lines) {
    const words = new Set(terms(line));
    const hits = wanted.filter((w) => words.has(w)).length;
    if (hits > bestHits) [best, bestHits] = [line, hits];
  }
  return best.length > max ? `${best.slice(0, max - 1)}…` : best;
}
