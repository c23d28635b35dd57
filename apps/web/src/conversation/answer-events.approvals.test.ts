import type { ConversationEvent } from '@salescoach/domain';
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
        call,
        approval: pendingStageChange,
      },
    ]);
    expect(state.messages[0]?.toolCalls).toEqual([call]);
  });
});
