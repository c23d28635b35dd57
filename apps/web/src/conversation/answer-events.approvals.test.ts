import type { ConversationEvent, ElicitationView } from '@salescoach/domain';
import { answerAwaitingApproval, pendingStageChange } from '../approvals/approval-fixture.js';
import { describe, expect, it } from 'vitest';
import {
  conversationReducer,
  initialConversationState,
  type ConversationAction,
} from './answer-events.js';

const call = answerAwaitingApproval.toolCalls[0]!;
// The answer while it is written, before its call was proposed.
const answer = { ...answerAwaitingApproval, toolCalls: [], status: 'streaming' as const };

const elicitation: ElicitationView = {
  id: 'el1',
  server: 'crm',
  message: 'Which Quarry deal?',
  requestedSchema: { type: 'object', properties: { opportunityId: { type: 'string' } } },
  expiresAt: '2026-12-02T10:02:00.000Z',
  askedBy: { id: 'alex', name: 'Alex Rivera' },
};

const run = (events: ConversationEvent[]) =>
  events
    .map((event): ConversationAction => ({ type: 'event', event }))
    .reduce(conversationReducer, {
      ...initialConversationState,
      messages: [answer],
    });

describe('answer-events reducer: approvals and requests for input', () => {
  it('puts a call waiting for approval on its answer, with the approval it waits on', () => {
    const state = run([
      {
        type: 'tool.awaiting_approval',
        messageId: 'm2',
        call,
        approval: pendingStageChange,
      },
    ]);
    expect(state.messages[0]?.toolCalls).toEqual([call]);
  });

  it('keeps a request for input open until it closes, once even when replayed', () => {
    const opened = run([
      { type: 'tool.elicitation', messageId: 'm2', elicitation },
      { type: 'tool.elicitation', messageId: 'm2', elicitation },
    ]);
    expect(opened.elicitations).toEqual([{ messageId: 'm2', elicitation }]);
    const closed = conversationReducer(opened, {
      type: 'event',
      event: {
        type: 'tool.elicitation_closed',
        messageId: 'm2',
        elicitationId: 'el1',
        action: 'cancel',
      },
    });
    expect(closed.elicitations).toEqual([]);
  });
});
