import type { ElicitationView } from '@salescoach/domain';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignedInContext, type SignedIn } from '../app/signed-in-context.js';
import type { ApprovalView } from '../approvals/approval-view.js';
import { answerAwaitingApproval, pendingStageChange } from '../approvals/approval-fixture.js';
import { ApprovalsProvider, type ApprovalsPort } from '../approvals/ApprovalsProvider.js';
import { MessageItem } from './MessageItem.js';

afterEach(cleanup);

const pending = pendingStageChange;
const answer = answerAwaitingApproval;

/** The API at its edge: `approvals.get` answers from `known`; decisions are recorded. */
function setup(me: { id: string; name: string; roles: string[] }) {
  const responses: unknown[] = [];
  const decisions: string[] = [];
  let push: ((a: ApprovalView) => void) | undefined;
  const port: ApprovalsPort = {
    list: () => Promise.resolve([]),
    get: () => Promise.resolve(pending),
    decide(id, decision) {
      decisions.push(`${id}:${decision.decision}`);
      return Promise.resolve({
        ...pending,
        status: 'approved',
        decidedBy: { id: me.id, name: me.name },
      });
    },
    follow(_last, handlers) {
      push = (a) => handlers.onApproval(a, undefined);
      queueMicrotask(handlers.onStarted);
      return () => undefined;
    },
  };
  const client = {
    elicitations: {
      respond: {
        mutate: (input: unknown) => {
          responses.push(input);
          return Promise.resolve({});
        },
      },
    },
  };
  const signedIn = { me: { ...me, email: `${me.id}@example.com` }, client } as unknown as SignedIn;
  const wrap = (children: ReactNode) => (
    <SignedInContext.Provider value={signedIn}>
      <ApprovalsProvider port={port}>{children}</ApprovalsProvider>
    </SignedInContext.Provider>
  );
  return { wrap, decisions, responses, push: (a: ApprovalView) => act(() => push?.(a)) };
}

describe('MessageItem with a call waiting for approval', () => {
  it('shows the request’s card in the message, "Approve" for a Manager, and the outcome live', async () => {
    const { wrap, decisions } = setup({ id: 'morgan', name: 'Morgan Lee', roles: ['Manager'] });
    render(wrap(<MessageItem message={answer} ownUserId="morgan" />));
    const card = await screen.findByRole('group', {
      name: 'Approval request: update stage for Quarry Robotics',
    });
    expect(within(card).getByText(/decided by a Manager/)).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await within(card).findByText('Approved by Morgan Lee.');
    expect(decisions).toEqual(['ap1:approve']);
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows the asker who must decide and no buttons, then the decision made by someone else', async () => {
    const { wrap, push } = setup({ id: 'sam', name: 'Sam Chen', roles: ['Sales'] });
    render(wrap(<MessageItem message={answer} ownUserId="sam" />));
    const card = await screen.findByRole('group', { name: /Approval request/ });
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    push({
      ...pending,
      status: 'rejected',
      decidedBy: { id: 'morgan', name: 'Morgan Lee' },
      reason: 'Not yet',
    });
    await waitFor(() =>
      expect(within(card).getByText('Rejected by Morgan Lee: “Not yet”')).toBeTruthy(),
    );
  });

  it('shows a request for input to its asker only, and sends the answer', async () => {
    const elicitation: ElicitationView = {
      id: 'el1',
      server: 'crm',
      message: 'Which Quarry deal?',
      requestedSchema: {
        type: 'object',
        properties: { opportunityId: { type: 'string', enum: ['opp-0001', 'opp-0002'] } },
        required: ['opportunityId'],
      },
      expiresAt: '2099-12-02T10:02:00.000Z',
      askedBy: { id: 'alex', name: 'Alex Rivera' },
    };
    const sam = setup({ id: 'sam', name: 'Sam Chen', roles: ['Sales'] });
    render(sam.wrap(<MessageItem message={answer} ownUserId="sam" elicitations={[elicitation]} />));
    expect(screen.queryByRole('form', { name: /crm needs your input/ })).toBeNull();
    cleanup();
    const alex = setup({ id: 'alex', name: 'Alex Rivera', roles: ['Sales'] });
    render(
      alex.wrap(<MessageItem message={answer} ownUserId="alex" elicitations={[elicitation]} />),
    );
    const form = screen.getByRole('form', { name: /crm needs your input/ });
    fireEvent.click(within(form).getByRole('button', { name: 'Accept' }));
    await waitFor(() =>
      expect(screen.queryByRole('form', { name: /needs your input/ })).toBeNull(),
    );
    expect(alex.responses).toEqual([
      { id: 'el1', action: 'accept', content: { opportunityId: 'opp-0001' } },
    ]);
  });
});
