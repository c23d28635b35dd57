/**
 * The fixed corpus clustering is judged on (tests and benchmarks): paraphrases of three
 * themes and three unrelated questions, interleaved in time as real traffic would be.
 */
export const CORPUS_THEMES = {
  pipeline: [
    'How is my pipeline?',
    "How's my pipeline looking this quarter?",
    'What does my pipeline look like?',
    'Show me my pipeline',
    'pipeline status please',
  ],
  price: [
    'How do I handle price objections?',
    'Contoso pushes back on price, how should I handle it?',
    'Best way to handle pricing objections from procurement',
    'Handling a price objection',
  ],
  forecast: [
    "What's my forecast for this quarter?",
    'Will I hit my forecast this quarter?',
    'Quarterly forecast',
    'forecast for the quarter',
  ],
} as const;

export const CORPUS_UNRELATED = [
  'Which deals are at risk of slipping?',
  'Write a follow-up email to Fabrikam',
  'Who are the contacts at Northwind?',
] as const;

/** Every corpus question, in the interleaved order they are asked. */
export function corpusInOrder(): string[] {
  const all: string[] = [...Object.values(CORPUS_THEMES).flat(), ...CORPUS_UNRELATED];
  return all
    .map((text, i) => ({ text, key: (i * 7) % all.length }))
    .sort((a, b) => a.key - b.key)
    .map((q) => q.text);
}
