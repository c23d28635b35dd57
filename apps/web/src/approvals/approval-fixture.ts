import type { Message } from '@salescoach/domain';
import type { ApprovalView } from './approval-view.js';

/** Component tests: alex's stage change in the team room, waiting for a Manager. */
export const pendingStageChange: ApprovalView = {
  id: 'ap1',
  server: 'crm',
  tool: 'update_stage',
  arguments: { opportunity: 'Quarry Robotics', stage: 'Negotiation' },
  askedBy: { id: 'alex', name: 'Alex Rivera' },
  conversation: { kind: 'group', id: 'team-west' },
  status: 'pending',
  policy: { role: 'Manager' },
  createdAt: '2026-12-02T10:00:00.000Z',
  expiresAt: '2099-12-02T10:15:00.000Z',
};

/** The coach's answer that proposed it (its call waits on `pendingStageChange`). */
export const answerAwaitingApproval: Message = {
  id: 'm2',
  conversationId: 'team-west',
  conversationKind: 'group',
  seq: 2,
  author: { kind: 'assistant', name: 'Coach' },
  content: 'Moving Quarry Robotics to Negotiation waits for a Manager’s approval.',
  attachments: { tables: [], charts: [] },
  toolCalls: [
    {
      id: 'c1',
      server: 'crm',
      tool: 'update_stage',
      status: 'awaiting_approval',
      durationMs: 0,
      approvalId: 'ap1',
    },
  ],
  status: 'complete',
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
};
