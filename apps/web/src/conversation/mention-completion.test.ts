import { describe, expect, it } from 'vitest';
import { applyMention, findMention, mentionHandle } from './mention-completion.js';

describe('mention completion', () => {
  const candidates = ['coach', 'sam', 'morgan'];

  it('offers matching names after an @ at a word start', () => {
    const match = findMention('hey @co', 7, candidates);
    expect(match?.options).toEqual(['coach']);
    expect(match?.start).toBe(4);
    expect(findMention('hey @', 5, candidates)?.options).toEqual(candidates);
  });

  it('ignores @ inside a word (an email) and finished mentions', () => {
    expect(findMention('mail me@co', 10, candidates)).toBeNull();
    expect(findMention('@coach', 6, candidates)).toBeNull();
  });

  it('replaces the partial mention and moves the caret after it', () => {
    const text = 'ask @co about Contoso';
    const match = findMention(text, 7, candidates)!;
    expect(applyMention(text, match, 'coach')).toEqual({
      text: 'ask @coach about Contoso',
      caret: 11,
    });
  });

  it('makes handles from first names', () => {
    expect(mentionHandle('Morgan Lee')).toBe('morgan');
  });
});
