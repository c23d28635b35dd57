import { describe, expect, it } from 'vitest';
import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { LlmChunk } from '../ports/llm.port.js';
import { scriptedLlm, text, finish, type ScriptStep } from './testing/engine-fakes.js';
import { cleanTitle, createTitleWriter, fallbackTitle } from './title-writer.js';

const QUESTION = 'How should I handle Contoso pushing back on price in the renewal?';

describe('title writer', () => {
  it('asks the utility model with a system message and the question last', async () => {
    const llm = scriptedLlm([[text('"Contoso '), text('renewal pricing."'), finish()]]);
    const title = await createTitleWriter({ llm }).titleFor(QUESTION);
    expect(title).toBe('Contoso renewal pricing');
    const [request] = llm.requests;
    expect(request?.purpose).toBe('utility');
    expect(request?.tools).toBeUndefined();
    expect(request?.messages[0]?.role).toBe('system');
    expect(request?.messages.at(-1)).toEqual({ role: 'user', content: QUESTION });
  });

  it('cuts long replies at a word to 60 characters, marks the cut and never ends on a dangling word', async () => {
    const llm = scriptedLlm([
      [
        text(
          'Title: Handling the extraordinarily complicated Contoso procurement negotiation process today',
        ),
        finish(),
      ],
    ]);
    const title = await createTitleWriter({ llm }).titleFor(QUESTION);
    expect(title).toBe('Handling the extraordinarily complicated Contoso…');
    expect(title.length).toBeLessThanOrEqual(60);
  });

  it('keeps a whole short question rather than cutting it mid-phrase', async () => {
    const llm = scriptedLlm([[text('Which of my deals are at risk?'), finish()]]);
    const title = await createTitleWriter({ llm }).titleFor('Which of my deals are at risk?');
    expect(title).toBe('Which of my deals are at risk');
  });

  it('falls back to the question’s start when the model fails or says nothing', async () => {
    const failing: ScriptStep = () =>
      (async function* (): AsyncGenerator<LlmChunk> {
        yield* [];
        throw new DomainError(DomainErrorCode.Unavailable, 'down');
      })();
    for (const step of [failing, [text('  "" '), finish()] as const]) {
      const title = await createTitleWriter({ llm: scriptedLlm([step]) }).titleFor(QUESTION);
      expect(title).toBe('How should I handle Contoso pushing back on price…');
    }
  });

  it('cleans quotes, markdown and end punctuation', () => {
    expect(cleanTitle('**“Q3 pipeline review!”**\nmore')).toBe('Q3 pipeline review');
    expect(cleanTitle("'Deal risks'.")).toBe('Deal risks');
  });

  it('never returns an empty fallback', () => {
    expect(fallbackTitle('   ')).toBe('New conversation');
    expect(fallbackTitle('x'.repeat(200))).toBe(`${'x'.repeat(59)}…`);
  });
});
