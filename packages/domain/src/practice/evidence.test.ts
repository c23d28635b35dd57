import { describe, expect, it } from 'vitest';
import { verbatimQuote } from './evidence.js';

const rep = ['Walk me through the process from here to a signed   contract. Who is involved?'];

describe('verbatimQuote', () => {
  it('keeps a quote found in a rep turn, returned exactly as the rep wrote it', () => {
    expect(verbatimQuote('walk me through the process from here to a signed contract', rep)).toBe(
      'Walk me through the process from here to a signed   contract',
    );
    expect(verbatimQuote('"Who is involved?"', rep)).toBe('Who is involved?');
  });

  it('drops a paraphrase, an invention, or words the rep never said', () => {
    expect(verbatimQuote('Walk me through your buying process', rep)).toBeUndefined();
    expect(verbatimQuote('Who signs off?', rep)).toBeUndefined();
    expect(verbatimQuote('', rep)).toBeUndefined();
    expect(verbatimQuote('Who', rep)).toBeUndefined();
    expect(verbatimQuote(undefined, rep)).toBeUndefined();
  });
});
