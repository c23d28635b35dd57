import type { ConversationEvent, Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import { unwrapEvent } from './events.js';

const created: ConversationEvent = { type: 'message.created', message: { id: 'm1' } as Message };
const typing: ConversationEvent = {
  type: 'typing',
  groupId: 'g1',
  userId: 'u1',
  name: 'Una',
  expiresAt: '2025-03-03T09:00:03.000Z',
};
const reset: ConversationEvent = { type: 'sync.reset', reason: 'gap' };

describe('unwrapEvent (subscription items)', () => {
  it('a tracked stored event keeps its log id', () => {
    expect(unwrapEvent({ id: '7-0', data: created })).toEqual({ id: '7-0', event: created });
  });

  it('live-only events and resyncs tracked with the resume point get no id of their own', () => {
    expect(unwrapEvent({ id: '7-0', data: typing })).toEqual({ id: undefined, event: typing });
    expect(unwrapEvent({ id: '7-0', data: reset })).toEqual({ id: undefined, event: reset });
  });

  it('a bare event has no id', () => {
    expect(unwrapEvent(typing)).toEqual({ id: undefined, event: typing });
  });
});
