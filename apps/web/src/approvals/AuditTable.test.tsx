import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuditFilterBar,
  type AuditFilters,
  auditQuery,
  AuditTable,
  NO_AUDIT_FILTERS,
} from './AuditTable.js';
import { approvedStageChange } from './audit-fixture.js';

afterEach(cleanup);

describe('the audit view', () => {
  it('lists each call with who asked, the tool, its arguments, the approval and the outcome', () => {
    render(
      <AuditTable
        rows={[
          approvedStageChange,
          {
            id: 'a2',
            startedAt: '2026-12-02T08:00:00.000Z',
            finishedAt: '2026-12-02T08:00:00.000Z',
            askedBy: { id: 'sam', name: 'Sam Chen' },
            role: 'Sales',
            teamIds: ['west'],
            server: 'crm',
            tool: 'pipeline_summary',
            arguments: {},
            outcome: 'awaiting_approval',
            durationMs: 0,
          },
          {
            ...approvedStageChange,
            id: 'a3',
            outcome: 'refused',
            error: 'Rejected by Morgan Lee: not before the review',
            durationMs: 0,
          },
          {
            ...approvedStageChange,
            id: 'a4',
            approval: { id: 'ap-2' },
            outcome: 'refused',
            error: 'Expired before anyone decided',
            durationMs: 0,
          },
        ]}
      />,
    );
    const table = screen.getByRole('group', { name: 'Audit log entries' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([
      [
        'Alex Rivera',
        'crm · update stage',
        'Opportunity id: opp-17; Stage: Negotiation',
        'approved by Morgan Lee',
        'done',
        '42 ms',
      ],
      ['Sam Chen', 'crm · pipeline summary', '', '—', 'waiting for approval', '0 ms'],
      [
        'Alex Rivera',
        'crm · update stage',
        'Opportunity id: opp-17; Stage: Negotiation',
        'rejected by Morgan Lee',
        'refused',
        '0 ms',
      ],
      [
        'Alex Rivera',
        'crm · update stage',
        'Opportunity id: opp-17; Stage: Negotiation',
        'expired',
        'refused',
        '0 ms',
      ],
    ]);
  });

  it('applies since, until, tool and user as the list’s input', () => {
    const onApply = vi.fn<(filters: AuditFilters) => void>();
    render(
      <AuditFilterBar
        initial={NO_AUDIT_FILTERS}
        tools={['update_stage', 'log_activity']}
        users={[{ id: 'alex', name: 'Alex Rivera' }]}
        onApply={onApply}
      />,
    );
    const form = screen.getByRole('form', { name: 'Audit filters' });
    fireEvent.change(within(form).getByLabelText('Since'), { target: { value: '2026-12-01' } });
    fireEvent.change(within(form).getByLabelText('Until'), { target: { value: '2026-12-02' } });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Tool' }), {
      target: { value: 'update_stage' },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'User' }), {
      target: { value: 'alex' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Filter' }));
    expect(onApply).toHaveBeenCalledTimes(1);
    const filters = onApply.mock.calls[0]![0];
    expect(auditQuery(filters)).toEqual({
      since: new Date(2026, 11, 1).toISOString(),
      until: new Date(2026, 11, 3).toISOString(),
      tool: 'update_stage',
      userId: 'alex',
    });
    expect(auditQuery(NO_AUDIT_FILTERS)).toEqual({});
  });
});
