import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalCard } from './ApprovalCard.js';
import type { ApprovalView } from './approval-view.js';

afterEach(cleanup);

const NOW = Date.parse('2026-12-02T10:00:00.000Z');

const stageChange: ApprovalView = {
  id: 'ap1',
  server: 'crm',
  tool: 'update_stage',
  arguments: { opportunityId: 'opp-17', opportunityName: 'Quarry Robotics', stage: 'Negotiation' },
  askedBy: { id: 'alex', name: 'Alex Rivera' },
  conversation: { kind: 'group', id: 'team-west' },
  status: 'pending',
  policy: { role: 'Manager' },
  createdAt: '2026-12-02T09:55:00.000Z',
  expiresAt: '2026-12-02T10:04:05.000Z',
  inputSchema: {
    type: 'object',
    properties: {
      opportunityId: { type: 'string' },
      opportunityName: { type: 'string' },
      stage: { type: 'string', enum: ['Discovery', 'Proposal', 'Negotiation', 'Closed Won'] },
      idempotencyKey: { type: 'string' },
    },
    required: ['opportunityId', 'stage'],
  },
};

const morgan = { id: 'morgan', roles: ['Manager'] };
const sam = { id: 'sam', roles: ['Sales'] };
const alex = { id: 'alex', roles: ['Sales'] };

function card(
  approval: ApprovalView,
  viewer: typeof morgan,
  onDecide = vi.fn(async () => undefined),
) {
  render(
    <ApprovalCard approval={approval} viewer={viewer} onDecide={onDecide} showWhere now={NOW} />,
  );
  return { onDecide, group: screen.getByRole('group', { name: /Approval request/ }) };
}

describe('ApprovalCard', () => {
  it('shows the server, tool, exact arguments, deal, asker, who decides, where and the time left', () => {
    const { group } = card(stageChange, morgan);
    expect(group.getAttribute('aria-label')).toBe(
      'Approval request: update stage for Quarry Robotics',
    );
    expect(within(group).getByText('crm · update stage')).toBeTruthy();
    const rows = [...group.querySelectorAll('dl > div')].map(
      (row) => `${row.querySelector('dt')?.textContent}=${row.querySelector('dd')?.textContent}`,
    );
    expect(rows).toEqual([
      'Opportunity id=opp-17',
      'Opportunity name=Quarry Robotics',
      'Stage=Negotiation',
    ]);
    const meta = group.querySelector('.approval-meta')?.textContent;
    expect(meta).toBe(
      'Asked by Alex Rivera · decided by a Manager · Open the room · Expires in 4 min 05 s',
    );
    expect(within(group).getByRole('link', { name: 'Open the room' }).getAttribute('href')).toBe(
      '/groups/team-west',
    );
  });

  it('offers "Approve" and "Reject" to a Manager, and Approve sends the arguments as asked', async () => {
    const { onDecide, group } = card(stageChange, morgan);
    fireEvent.click(within(group).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(onDecide).toHaveBeenCalledTimes(1));
    expect(onDecide).toHaveBeenCalledWith({ decision: 'approve' });
  });

  it('offers no decision to a rep on a Manager-level request, nor to a Manager on a self one', () => {
    card(stageChange, sam);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    cleanup();
    const self: ApprovalView = { ...stageChange, tool: 'log_activity', policy: 'self' };
    card(self, morgan);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByText(/decided by Alex Rivera \(the asker\)/)).toBeTruthy();
    cleanup();
    card(self, alex);
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(screen.getByText(/Asked by you/)).toBeTruthy();
    cleanup();
    // A 1-on-1 chat opens only for its owner; a Manager is told whose it is.
    const oneOnOne: ApprovalView = { ...stageChange, conversation: { kind: 'chat', id: 's-9' } };
    card(oneOnOne, alex);
    expect(screen.getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toBe(
      '/chat/s-9',
    );
    cleanup();
    card(oneOnOne, morgan);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText(/in Alex Rivera’s 1-on-1 chat/)).toBeTruthy();
  });

  it('asks for a reason before rejecting, and sends it', async () => {
    const { onDecide, group } = card(stageChange, morgan);
    fireEvent.click(within(group).getByRole('button', { name: 'Reject' }));
    const send = within(group).getByRole('button', { name: 'Send rejection' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(group).getByRole('textbox', { name: 'Reason for rejecting' }), {
      target: { value: '  Not before the pricing review  ' },
    });
    fireEvent.click(send);
    await waitFor(() => expect(onDecide).toHaveBeenCalledTimes(1));
    expect(onDecide).toHaveBeenCalledWith({
      decision: 'reject',
      reason: 'Not before the pricing review',
    });
  });

  it('approves edited arguments from the schema’s fields and shows the server’s word beside a field', async () => {
    const refusal = new TRPCClientError<never>('Invalid arguments');
    Object.assign(refusal, {
      data: {
        code: 'BAD_REQUEST',
        zodError: { formErrors: [], fieldErrors: { stage: ['Not a stage of this pipeline'] } },
      },
    });
    const onDecide = vi.fn(async () => {
      throw refusal;
    });
    const { group } = card(stageChange, morgan, onDecide);
    fireEvent.click(within(group).getByRole('button', { name: 'Edit arguments' }));
    const form = within(group).getByRole('form', { name: 'Arguments to approve' });
    // The retry key is not offered; the stage is a choice of the schema's values.
    expect(within(form).queryByLabelText('Idempotency key')).toBeNull();
    const stage = within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Stage' });
    expect([...stage.options].map((o) => o.value)).toEqual([
      'Discovery',
      'Proposal',
      'Negotiation',
      'Closed Won',
    ]);
    expect(stage.value).toBe('Negotiation');
    fireEvent.change(stage, { target: { value: 'Proposal' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Approve with these arguments' }));
    await waitFor(() => expect(stage.getAttribute('aria-invalid')).toBe('true'));
    expect(onDecide).toHaveBeenCalledWith({
      decision: 'approve',
      arguments: { opportunityId: 'opp-17', opportunityName: 'Quarry Robotics', stage: 'Proposal' },
    });
    const describedBy = stage.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Not a stage of this pipeline');
    expect(within(form).getByRole('alert').textContent).toBe('Check the highlighted fields.');
  });

  it('shows the server’s sentence when its refusal names no field of the form', async () => {
    const refusal = new TRPCClientError<never>(
      'The edited arguments do not fit update_stage: $.color: is not an accepted argument',
    );
    Object.assign(refusal, { data: { code: 'BAD_REQUEST', zodError: null } });
    const { group } = card(
      stageChange,
      morgan,
      vi.fn(async () => {
        throw refusal;
      }),
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Edit arguments' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Approve with these arguments' }));
    expect((await within(group).findByRole('alert')).textContent).toBe(refusal.message);
    expect(group.querySelector('[aria-invalid="true"]')).toBeNull();
  });

  it('shows the outcome and no buttons once decided', () => {
    card(
      {
        ...stageChange,
        status: 'rejected',
        decidedBy: { id: 'morgan', name: 'Morgan Lee' },
        reason: 'Too early',
      },
      morgan,
    );
    expect(screen.getByText('Rejected by Morgan Lee: “Too early”')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByText(/Expires in/)).toBeNull();
    cleanup();
    card(
      {
        ...stageChange,
        status: 'approved',
        decidedBy: { id: 'morgan', name: 'Morgan Lee' },
        result: { ok: true, summary: 'Quarry Robotics is now in Negotiation', durationMs: 40 },
      },
      sam,
    );
    expect(screen.getByText('Approved by Morgan Lee.')).toBeTruthy();
    expect(screen.getByText('Done: Quarry Robotics is now in Negotiation')).toBeTruthy();
  });
});
