import type { QuestionRecord, StoredCluster } from '../ports/question-log.port.js';
import { cosine, questionPoint } from './question-vector.js';

const phrasingKey = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * A cluster's phrasings from the questions the viewer may see: the label is the one closest
 * to the centroid (ties: more often asked, then shorter), examples the next distinct ones.
 */
export function describePhrasings(
  cluster: StoredCluster | undefined,
  questions: readonly QuestionRecord[],
  maxExamples: number,
): { label: string; examples: string[] } | undefined {
  const phrasings = new Map<string, { text: string; score: number; count: number }>();
  for (const q of questions) {
    const key = phrasingKey(q.text);
    const current = phrasings.get(key);
    if (current) current.count++;
    else
      phrasings.set(key, {
        text: q.text.trim(),
        score: cluster ? cosine(questionPoint(q.terms, q.vector).vector, cluster.sum) : 0,
        count: 1,
      });
  }
  const ranked = [...phrasings.values()].sort(
    (a, b) =>
      b.score - a.score ||
      b.count - a.count ||
      a.text.length - b.text.length ||
      a.text.localeCompare(b.text),
  );
  const [first, ...rest] = ranked;
  if (!first) return undefined;
  return { label: first.text, examples: rest.slice(0, maxExamples).map((p) => p.text) };
}
