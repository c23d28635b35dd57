import { describe, expect, it } from 'vitest';
import { createOfflineModel } from './offline-model.js';
import { chat, clock, collect, model, textOf } from './testing/offline-run.js';

describe('offline model: titles, identity and aborts', () => {
  it('titles a session with the first line of the question, cut at a word boundary to 60 characters', async () => {
    const question =
      'Can you compare the pipeline of every rep in the EMEA region against their quota for next quarter?\nThanks';
    const title = textOf(
      await collect(
        model.stream({
          purpose: 'utility',
          messages: [
            { role: 'system', content: 'Name it' },
            { role: 'user', content: question },
          ],
        }),
      ),
    );
    expect(title).toBe('Can you compare the pipeline of every rep in the EMEA region');
    expect(title.length).toBeLessThanOrEqual(60);
    const short = textOf(
      await collect(
        model.stream({
          purpose: 'utility',
          messages: [{ role: 'user', content: '  How is my pipeline?  ' }],
        }),
      ),
    );
    expect(short).toBe('How is my pipeline?');
  });

  it('says it is the offline model', () => {
    expect(model.provider).toBe('offline');
    expect(model.modelFor('chat')).toBe('offline-coach');
  });

  it('stops with an AbortError when the signal aborts mid-answer', async () => {
    const slow = createOfflineModel({ clock, chunkSize: 4, chunkDelayMs: 5 });
    const controller = new AbortController();
    let texts = 0;
    let failure: unknown;
    try {
      for await (const chunk of slow.stream(
        chat('What is the weather?', { signal: controller.signal }),
      )) {
        if (chunk.type === 'text' && ++texts === 3) controller.abort();
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(texts).toBe(3);
  });
});
