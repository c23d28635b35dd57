import type { ConversationEvent, Message } from '@salescoach/domain';
import { describe, expect, it } from 'vitest';
import {
  conversationReducer,
  initialConversationState,
  type ConversationAction,
} from './answer-events.js';

const at = '2026-12-02T10:00:00.000Z';
const answer: Message = {
  id: 'm2',
  conversationId: 'team-west',
  conversationKind: 'group',
  seq: 2,
  author: { kind: 'assistant', name: 'Coach' },
  content: '',
  attachments: { tables: [], charts: [] },
  toolCalls: [],
  status: 'streaming',
  createdAt: at,
  updatedAt: at,
};
const approval = {
  id: 'ap1',
  server: 'crm',
  tool: 'update_stage',
  arguments: { opportunity: 'Quarry Robotics', stage: 'Negotiation' },
  askedBy: { id: 'alex', name: 'Alex Rivera' },
  conversation: { kind: 'group' as const, id: 'team-west' },
  status: 'pending' as const,
  policy: { role: 'Manager' },
  createdAt: at,
  expiresAt: '2026-12-02T10:15:00.000Z',
};

const run = (events: ConversationEvent[]) =>
  events
    .map((event): ConversationAction => ({ type: 'event', event }))
    .reduce(conversationReducer, {
      ...initialConversationState,
      messages: [answer],
    });

describe('answer-events reducer: approvals', () => {
  it('puts a call waiting for approval on its answer, with the approval it waits on', () => {
    const state = run([
      {
        type: 'tool.awaiting_approval',
        messageId: 'm2',
        call: {
          id: 'c1',
          server: 'crm',
          tool: 'update_stage',
          status: 'awaiting_approval',
          durationMs: 0,
          approvalId: 'ap1',
        },
        approval,
      },
    ]);
    expect(state.messages[0]?.toolCalls).toEqual([
      {
        id: 'c1',
        server: 'crm',
        tool: 'update_stage',
        status: 'awaiting_approval',
        durationMs: 0,
        approvalId: 'ap1',
      },
    ]);
  });
});
