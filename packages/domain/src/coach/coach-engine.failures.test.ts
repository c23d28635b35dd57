import { describe, expect, it } from 'vitest';
import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import type { LlmChunk } from '../ports/llm.port.js';
import { byType, setup } from './coach-engine.fixture.js';
import { text, type ScriptStep } from './testing/engine-fakes.js';

describe('coach engine', () => {
  it('ends with answer.failed and a safe reason when the model fails; the question is untouched', async () => {
    const failing: ScriptStep = () =>
      (async function* (): AsyncGenerator<LlmChunk> {
        yield text('Start');
        throw new DomainError(
          DomainErrorCode.RateLimited,
          'The model is busy; try again in a minute.',
        );
      })();
    const t = await setup([failing]);
    const before = structuredClone(t.messages.byId.get('question'));
    const answer = await t.run();

    expect(answer.status).toBe('failed');
    expect(answer.error).toBe('The model is busy; try again in a minute.');
    expect(answer.content).toBe('Start');
    const failed = byType(t.sink.events, 'answer.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'The model is busy; try again in a minute.',
    });
    expect(failed[0]!.message).toEqual(t.messages.byId.get(answer.id));
    expect(byType(t.sink.events, 'answer.completed')).toEqual([]);
    expect(t.messages.byId.get('question')).toEqual(before);
  });

  it('turns an unexpected error into answer.failed with a generic reason', async () => {
    const t = await setup([]);
    t.llm.stream = () => {
      throw new TypeError('socket hang up with secret details');
    };
    const answer = await t.run();
    expect(answer.status).toBe('failed');
    expect(answer.error).not.toContain('secret');
    expect(byType(t.sink.events, 'answer.failed')[0]).toMatchObject({ code: 'INTERNAL' });
  });
});
