import { describe, expect, it } from 'vitest';
import { matchesAllTerms, searchTerms, snippetParts } from './search-terms.js';

describe('searchTerms', () => {
  it('keeps lower-case words of two characters or more, once each, and no search syntax', () => {
    expect(searchTerms('Contoso "renewal" OR a NEAR(x) renewal* -price Zürich')).toEqual([
      'contoso',
      'renewal',
      'or',
      'near',
      'price',
      'zürich',
    ]);
    expect(searchTerms('" * ( ) a')).toEqual([]);
    expect(searchTerms('one two three four five six seven eight nine ten')).toHaveLength(8);
  });
});

describe('matchesAllTerms', () => {
  it('needs every term at the start of a word', () => {
    expect(matchesAllTerms('The Contoso pipeline review', ['pipe', 'contoso'])).toBe(true);
    expect(matchesAllTerms('The Contoso pipeline review', ['line'])).toBe(false);
    expect(matchesAllTerms('The Contoso pipeline review', ['contoso', 'fabrikam'])).toBe(false);
  });
});

describe('snippetParts', () => {
  it('marks the matching word starts', () => {
    expect(snippetParts('How is the Contoso\n\nrenewal going?', ['contoso', 'renew'])).toEqual([
      { text: 'How is the ', match: false },
      { text: 'Contoso', match: true },
      { text: ' ', match: false },
      { text: 'renew', match: true },
      { text: 'al going?', match: false },
    ]);
  });

  it('centres a long text on the first match, cut at spaces with ellipses', () => {
    const text = `${'lorem '.repeat(60)}the Fabrikam deal ${'ipsum '.repeat(60)}`;
    const parts = snippetParts(text, ['fabrikam'], 80);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.at(-1)).toEqual({ text: '…', match: false });
    expect(parts.filter((p) => p.match)).toEqual([{ text: 'Fabrikam', match: true }]);
    const shown = parts
      .slice(1, -1)
      .map((p) => p.text)
      .join('');
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown.startsWith('lorem ')).toBe(true);
  });
});
