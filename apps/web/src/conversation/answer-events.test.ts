import type { ConversationEvent, Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import {
  conversationReducer,
  initialConversationState,
  streamingAnswer,
  type ConversationAction,
  type ConversationState,
} from './answer-events.js';

let clock = Date.parse('2025-03-01T10:00:00.000Z');
function msg(seq: number, over: Partial<Message> = {}): Message {
  clock += 1000;
  const at = new Date(clock).toISOString();
  return {
    id: `m${seq}`,
    conversationId: 's1',
    conversationKind: 'session',
    seq,
    author: { kind: 'user', userId: 'alex', name: 'Alex' },
    content: `message ${seq}`,
    attachments: { tables: [], charts: [] },
    toolCalls: [],
    status: 'complete',
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
const answer = (seq: number, over: Partial<Message> = {}) =>
  msg(seq, {
    author: { kind: 'assistant', name: 'Coach' },
    content: '',
    status: 'streaming',
    ...over,
  });

function run(
  actions: ConversationAction[],
  from: ConversationState = initialConversationState,
): ConversationState {
  return actions.reduce(conversationReducer, from);
}
const ev = (event: ConversationEvent, id?: string): ConversationAction => ({
  type: 'event',
  event,
  id,
});

describe('answer-events reducer', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    const state = run([
      ev({ type: 'message.created', message: msg(3) }),
      ev({ type: 'message.created', message: msg(1) }),
      ev({ type: 'message.created', message: msg(2) }),
    ]);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('shows an edit in place and drops a deleted message, replayed or live', () => {
    const m1 = msg(1);
    const m2 = msg(2);
    const later = new Date(Date.parse(m1.updatedAt) + 60_000).toISOString();
    const edited = { ...m1, content: 'fixed', editedAt: later, updatedAt: later };
    const state = run([
      { type: 'history.loaded', messages: [m1, m2], lastEventId: '5', hasMore: false },
      ev({ type: 'message.updated', message: edited }, '6'),
      ev({ type: 'message.deleted', messageId: m2.id }, '7'),
      // Replayed after a reconnect: nothing changes.
      ev({ type: 'message.deleted', messageId: m2.id }, '7'),
    ]);
    expect(state.messages.map((m) => [m.id, m.content, m.editedAt])).toEqual([
      [m1.id, 'fixed', later],
    ]);
    expect(state.lastEventId).toBe('7');
  });

  it('keeps one copy of a message delivered twice (history and live)', () => {
    const m1 = msg(1);
    const state = run([
      { type: 'history.loaded', messages: [m1], lastEventId: '5', hasMore: false },
      ev({ type: 'message.created', message: m1 }, '6'),
    ]);
    expect(state.messages).toHaveLength(1);
    expect(state.lastEventId).toBe('6');
  });

  it('streams deltas into the answer, tracks tools, and ends with the persisted message', () => {
    const started = answer(2);
    const call = {
      id: 'c1',
      server: 'crm',
      tool: 'pipeline_summary',
      status: 'running' as const,
      durationMs: 0,
    };
    const done = { ...call, status: 'ok' as const, durationMs: 120 };
    const mid = run([
      ev({ type: 'message.created', message: msg(1) }, '1'),
      ev({ type: 'answer.started', message: started }, '2'),
      ev({ type: 'tool.started', messageId: started.id, call }, '3'),
      ev({ type: 'tool.finished', messageId: started.id, call: done }, '4'),
      ev({ type: 'answer.delta', messageId: started.id, text: 'Your pipeline ' }, '5'),
      ev({ type: 'answer.delta', messageId: started.id, text: 'by stage:' }, '6'),
    ]);
    expect(streamingAnswer(mid)?.content).toBe('Your pipeline by stage:');
    expect(streamingAnswer(mid)?.toolCalls).toEqual([done]);

    const final = {
      ...started,
      content: 'Final text',
      status: 'complete' as const,
      updatedAt: new Date(clock + 5000).toISOString(),
    };
    const end = run([ev({ type: 'answer.completed', message: final }, '7')], mid);
    expect(streamingAnswer(end)).toBeUndefined();
    expect(end.messages.at(-1)?.content).toBe('Final text');
    expect(end.lastEventId).toBe('7');
  });

  it('ignores deltas for a message that is no longer streaming', () => {
    const done = answer(1, { status: 'complete', content: 'done' });
    const state = run([
      ev({ type: 'answer.completed', message: done }),
      ev({ type: 'answer.delta', messageId: done.id, text: 'late' }),
    ]);
    expect(state.messages[0]?.content).toBe('done');
  });

  it('does not let a late streaming copy overwrite a finished answer', () => {
    const started = answer(1);
    const done = {
      ...started,
      status: 'complete' as const,
      content: 'final',
      updatedAt: new Date(clock + 10_000).toISOString(),
    };
    const state = run([
      ev({ type: 'answer.completed', message: done }),
      ev({ type: 'answer.started', message: started }),
    ]);
    expect(state.messages[0]?.status).toBe('complete');
  });

  it('marks a failed answer with its reason', () => {
    const started = answer(2);
    const state = run([
      ev({ type: 'answer.started', message: started }),
      ev({
        type: 'answer.failed',
        message: { ...started, status: 'failed' },
        code: 'TIMEOUT',
        reason: 'The model timed out',
      }),
    ]);
    expect(state.messages[0]?.status).toBe('failed');
    expect(state.messages[0]?.error).toBe('The model timed out');
  });

  it('shows a sent message at once and replaces it with the stored one', () => {
    const pending = {
      clientMessageId: 'cm1',
      content: 'hi',
      authorName: 'Alex',
      createdAt: new Date().toISOString(),
    };
    const sending = run([{ type: 'send.pending', pending }]);
    expect(sending.pending).toHaveLength(1);
    const stored = msg(1, { clientMessageId: 'cm1', content: 'hi' });
    const confirmed = run([ev({ type: 'message.created', message: stored })], sending);
    expect(confirmed.pending).toHaveLength(0);
    expect(confirmed.messages.map((m) => m.id)).toEqual([stored.id]);
    // The mutation's reply arriving after the event changes nothing.
    const again = run(
      [{ type: 'send.confirmed', clientMessageId: 'cm1', message: stored }],
      confirmed,
    );
    expect(again.messages).toHaveLength(1);
  });

  it('keeps a refused send with its reason until it is retried or discarded', () => {
    const pending = {
      clientMessageId: 'cm2',
      content: 'x',
      authorName: 'Alex',
      createdAt: new Date().toISOString(),
    };
    const failed = run([
      { type: 'send.pending', pending },
      { type: 'send.failed', clientMessageId: 'cm2', reason: 'Too many requests' },
    ]);
    expect(failed.pending[0]?.failed).toBe('Too many requests');
    expect(
      run([{ type: 'pending.dismissed', clientMessageId: 'cm2' }], failed).pending,
    ).toHaveLength(0);
  });

  it('prepends older pages without duplicates and records whether more remain', () => {
    const state = run([
      { type: 'history.loaded', messages: [msg(3), msg(4)], lastEventId: '9', hasMore: true },
      { type: 'history.older', messages: [msg(1), msg(2), msg(3)], hasMore: false },
    ]);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(state.hasMore).toBe(false);
  });

  it('asks for a reload on sync.reset and drops live-only state with the fresh page', () => {
    const reset = run([
      ev({ type: 'message.created', message: msg(5) }),
      ev({ type: 'sync.reset', reason: 'gone' }),
    ]);
    expect(reset.needsReload).toBe(true);
    const reloaded = run(
      [{ type: 'history.loaded', messages: [msg(1), msg(2)], lastEventId: '20', hasMore: false }],
      reset,
    );
    expect(reloaded.needsReload).toBe(false);
    expect(reloaded.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('shows who is typing until their indicator expires, and tracks presence', () => {
    const now = Date.parse('2025-03-01T12:00:00.000Z');
    const typing = run([
      {
        type: 'event',
        now,
        event: {
          type: 'typing',
          groupId: 'g',
          userId: 'sam',
          name: 'Sam',
          expiresAt: new Date(now + 4000).toISOString(),
        },
      },
      {
        type: 'event',
        now,
        event: { type: 'presence', groupId: 'g', online: [{ userId: 'sam', name: 'Sam' }] },
      },
    ]);
    expect(typing.typing.map((t) => t.name)).toEqual(['Sam']);
    expect(typing.online).toHaveLength(1);
    expect(run([{ type: 'typing.expired', now: now + 5000 }], typing).typing).toHaveLength(0);
  });

  it("drops someone's typing indicator as soon as their message arrives", () => {
    const now = Date.parse('2025-03-01T12:00:00.000Z');
    const typingEvent = (userId: string, name: string): ConversationAction => ({
      type: 'event',
      now,
      event: {
        type: 'typing',
        groupId: 'g',
        userId,
        name,
        expiresAt: new Date(now + 4000).toISOString(),
      },
    });
    const state = run([
      typingEvent('sam', 'Sam'),
      typingEvent('alex', 'Alex'),
      ev({
        type: 'message.created',
        message: msg(1, { author: { kind: 'user', userId: 'sam', name: 'Sam' } }),
      }),
    ]);
    expect(state.typing.map((t) => t.name)).toEqual(['Alex']);
  });
});
