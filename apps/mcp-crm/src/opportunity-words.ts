/** The words a person names a deal by ("the Falcon Health deal" → falcon, health). */
export function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[–—-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !['the', 'deal', 'opportunity'].includes(w));
}

/** Whether every word appears in the opportunity's name or its account's name. */
export const namedBy = (words: readonly string[], name: string, accountName: string): boolean => {
  const haystack = `${name} ${accountName}`.toLowerCase();
  return words.length > 0 && words.every((w) => haystack.includes(w));
};
