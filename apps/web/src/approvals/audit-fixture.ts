import type { AuditRowView } from './AuditTable.js';

/** Alex's approved stage change as the audit log lists it (component tests). */
export const approvedStageChange: AuditRowView = {
  id: 'au1',
  startedAt: '2026-12-02T09:00:00.000Z',
  finishedAt: '2026-12-02T09:00:00.042Z',
  askedBy: { id: 'alex', name: 'Alex Rivera' },
  role: 'Sales',
  teamIds: ['west'],
  server: 'crm',
  tool: 'update_stage',
  arguments: { opportunityId: 'opp-17', stage: 'Negotiation' },
  approval: { id: 'ap1', decidedBy: { id: 'morgan', name: 'Morgan Lee' } },
  outcome: 'ok',
  durationMs: 42,
};
