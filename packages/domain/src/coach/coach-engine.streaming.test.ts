import { describe, expect, it } from 'vitest';
import type { LlmChunk } from '../ports/llm.port.js';
import { createCoachEngine } from './coach-engine.js';
import { byType, limits, ref, servers, setup, TEMPLATE } from './coach-engine.fixture.js';
import {
  alex,
  eventSink,
  finish,
  memoryMessages,
  recordingHub,
  scriptedLlm,
  text,
  userMessage,
  type ScriptStep,
} from './testing/engine-fakes.js';

describe('coach engine', () => {
  it('streams a text-only answer: started, deltas, completed with the persisted message', async () => {
    const t = await setup([[text('Your pipeline '), text('looks healthy.'), finish()]]);
    const answer = await t.run();

    expect(t.sink.types()).toEqual([
      'answer.started',
      'answer.delta',
      'answer.delta',
      'answer.completed',
    ]);
    const started = byType(t.sink.events, 'answer.started')[0]!.message;
    expect(started.status).toBe('streaming');
    expect(started.content).toBe('');
    expect(started.author).toEqual({ kind: 'assistant', name: 'Coach' });
    expect(started.model).toEqual({ provider: 'scripted', name: 'scripted-chat' });
    expect(byType(t.sink.events, 'answer.delta').every((e) => e.messageId === started.id)).toBe(
      true,
    );

    expect(answer.status).toBe('complete');
    expect(answer.content).toBe('Your pipeline looks healthy.');
    expect(t.messages.byId.get(answer.id)).toEqual(answer);
    expect(byType(t.sink.events, 'answer.completed')[0]!.message).toEqual(answer);
    expect(t.llm.requests[0]!.user).toEqual({ id: alex.id, name: alex.name, email: alex.email });
  });

  it('keeps the partial answer as interrupted when stopped mid-stream', async () => {
    // The model stalls after two chunks until the request is aborted, as a real adapter does.
    const stalling: ScriptStep = (request) =>
      (async function* (): AsyncGenerator<LlmChunk> {
        yield text('Partial ');
        yield text('answer');
        await new Promise<void>((_, reject) => {
          const fail = () => reject(new DOMException('aborted', 'AbortError'));
          if (request.signal?.aborted) fail();
          else request.signal?.addEventListener('abort', fail);
        });
        yield text(' never seen');
      })();
    const t = await setup([stalling]);
    const deltas: string[] = [];
    const answerPromise = t.run();
    // Stop once the user has seen both chunks.
    while (deltas.length < 2) {
      await new Promise((resolve) => setImmediate(resolve));
      deltas.splice(0, deltas.length, ...byType(t.sink.events, 'answer.delta').map((e) => e.text));
    }
    t.controller.abort();
    const answer = await answerPromise;

    expect(answer.status).toBe('interrupted');
    expect(answer.content).toBe('Partial answer');
    expect(t.messages.byId.get(answer.id)).toMatchObject({
      status: 'interrupted',
      content: 'Partial answer',
    });
    expect(t.sink.types().at(-1)).toBe('answer.completed');
    expect(byType(t.sink.events, 'answer.failed')).toEqual([]);
  });

  it('marks an answer cut off by the model’s length limit as interrupted', async () => {
    const t = await setup([[text('A long answer that'), finish('length')]]);
    const answer = await t.run();
    expect(answer.status).toBe('interrupted');
    expect(t.sink.types().at(-1)).toBe('answer.completed');
  });
});

describe('checkpoints', () => {
  it('saves the text of a streaming answer as it goes, and the final update still wins', async () => {
    const messages = memoryMessages();
    const { seq: _seq, ...q } = userMessage(ref, 1, 'Tell me a story');
    const { message: question } = await messages.append(ref, q);
    let clockMs = Date.parse('2025-08-14T10:00:00Z');
    const saved: string[] = [];
    const update = messages.update.bind(messages);
    messages.update = async (r, id, patch) => {
      if (patch.status === undefined && patch.content !== undefined) saved.push(patch.content);
      return update(r, id, patch);
    };
    const llm = scriptedLlm([
      async function* () {
        for (const word of ['one ', 'two ', 'three ', 'four ']) {
          clockMs += 1_000;
          yield text(word);
        }
        yield finish();
      },
    ]);
    const engine = createCoachEngine({
      messages,
      llm,
      tools: recordingHub(servers),
      prompt: { load: async () => TEMPLATE },
      clock: { now: () => new Date(clockMs) },
      limits,
    });
    const sink = eventSink();
    const final = await engine.answer({
      ref,
      user: alex,
      role: 'Sales',
      question,
      signal: new AbortController().signal,
      emit: sink.emit,
    });
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.every((t) => 'one two three four '.startsWith(t))).toBe(true);
    expect(saved[0]?.length).toBeLessThan('one two three four '.length);
    expect(final).toMatchObject({ status: 'complete', content: 'one two three four ' });
    expect(messages.byId.get(final.id)?.content).toBe('one two three four ');
  });
});
