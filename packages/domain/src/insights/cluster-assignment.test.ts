import { describe, expect, it } from 'vitest';
import { clusterInOrder } from './cluster-assignment.js';
import { CORPUS_THEMES, CORPUS_UNRELATED, corpusInOrder } from './clustering-corpus.js';
import { questionTerms, stem } from './question-terms.js';

/** The groups `clusterInOrder` makes, as sorted lists of texts. */
function groupsOf(texts: readonly string[], vectors?: readonly (readonly number[])[]) {
  const assignment = clusterInOrder(
    texts.map((text, i) => ({ text, ...(vectors?.[i] ? { vector: vectors[i] } : {}) })),
  );
  const groups = new Map<number, string[]>();
  assignment.forEach((group, i) => groups.set(group, [...(groups.get(group) ?? []), texts[i]!]));
  return [...groups.values()].map((g) => [...g].sort());
}

describe('question fingerprints', () => {
  it('normalises case, punctuation, stop words and word forms', () => {
    expect(questionTerms('How do I handle PRICE objections?!')).toEqual([
      'handl',
      'pric',
      'objection',
    ]);
    expect(questionTerms('Handling pricing objection')).toEqual(['handl', 'pric', 'objection']);
    expect(questionTerms("What's my quarterly forecast?")).toEqual(['quarter', 'forecast']);
    expect(questionTerms('Thanks!')).toEqual([]);
  });

  it('stems plurals and common suffixes to one form', () => {
    expect(stem('opportunities')).toBe(stem('opportunity'));
    expect(stem('closing')).toBe(stem('close'));
    expect(stem('forecasts')).toBe('forecast');
    expect(stem('stopped')).toBe('stop');
    expect(stem('status')).toBe('status');
    expect(stem('q3')).toBe('q3');
  });
});

describe('clustering the fixed corpus', () => {
  it('puts every paraphrase with its theme and each unrelated question alone', () => {
    const groups = groupsOf(corpusInOrder());
    const expected = [
      ...Object.values(CORPUS_THEMES).map((theme) => [...theme].sort()),
      ...CORPUS_UNRELATED.map((q) => [q]),
    ];
    expect(groups.sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual(
      expected.sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
  });

  it('keeps questions apart that share only one everyday word', () => {
    expect(
      groupsOf([
        'Price objections on this deal',
        'Close date on this deal',
        'Handling a price objection on this deal',
      ]),
    ).toHaveLength(2);
  });

  it('groups by meaning with embeddings, and only embeddings of one size together', () => {
    const topics = [/forecast|quota|number|target/i, /price|pricing|discount/i];
    const embed = (text: string) => [...topics.map((p) => (p.test(text) ? 1 : 0)), 0.05];
    const texts = [
      "What's my forecast?",
      'Am I going to hit quota?',
      'Will the team make its number?',
      'Can I offer a discount?',
    ];
    expect(groupsOf(texts, texts.map(embed))).toEqual([
      [...texts.slice(0, 3)].sort(),
      ['Can I offer a discount?'],
    ]);
    // The same words without embeddings share no term: four groups.
    expect(groupsOf(texts)).toHaveLength(4);
    // An embedding of another size (a model change) never joins the old groups.
    const later = [...texts.slice(0, 3), 'Will I hit my forecast?'];
    expect(groupsOf(later, [...texts.slice(0, 3).map(embed), [1, 0]])).toEqual([
      [...texts.slice(0, 3)].sort(),
      ['Will I hit my forecast?'],
    ]);
  });
});
