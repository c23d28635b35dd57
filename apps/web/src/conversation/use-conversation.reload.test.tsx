import type { ConversationEvent, Message } from '@salescoach/domain';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSource, MessagePage } from './conversation-source.js';
import { useConversation } from './use-conversation.js';

afterEach(cleanup);

const message = (seq: number, content: string): Message => ({
  id: `m${seq}`,
  conversationId: 's1',
  conversationKind: 'session',
  seq,
  author: { kind: 'assistant', name: 'Coach' },
  content,
  attachments: { tables: [], charts: [] },
  toolCalls: [],
  status: 'complete',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
});

const page = (messages: Message[]): MessagePage => ({
  messages,
  hasMore: false,
  lastEventId: null,
});

type Handlers = Parameters<ConversationSource['follow']>[1];

/** A conversation whose history reads are answered, or refused, one by one in order. */
function scriptedSource(reads: (() => Promise<MessagePage>)[]) {
  const followers: Handlers[] = [];
  let calls = 0;
  const source = {
    kind: 'session',
    id: 's1',
    list: () => {
      const read = reads[Math.min(calls, reads.length - 1)]!;
      calls += 1;
      return read();
    },
    follow: (_lastEventId: string | null, handlers: Handlers) => {
      followers.push(handlers);
      return () => undefined;
    },
  } as unknown as ConversationSource;
  return { source, followers, reads: () => calls };
}

describe('useConversation after the server lost its place (sync.reset)', () => {
  it('reloads the history, and tries again when that reload fails', async () => {
    const script = scriptedSource([
      async () => page([message(1, 'before the restart')]),
      async () => {
        throw new Error('SalesCoach cannot be reached right now.');
      },
      async () => page([message(1, 'before the restart'), message(2, 'the answer')]),
    ]);
    const { result } = renderHook(() => useConversation(script.source, { authorName: 'Alex' }));
    await waitFor(() => expect(script.followers).toHaveLength(1));
    expect(result.current.state.messages.map((m) => m.content)).toEqual(['before the restart']);

    const reset: ConversationEvent = { type: 'sync.reset', reason: 'the log moved on' };
    act(() => script.followers[0]!.onEvent(reset, undefined));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    await waitFor(
      () =>
        expect(result.current.state.messages.map((m) => m.content)).toEqual([
          'before the restart',
          'the answer',
        ]),
      { timeout: 5_000 },
    );
    expect(script.reads()).toBe(3);
    expect(result.current.error).toBeNull();
  });
});
