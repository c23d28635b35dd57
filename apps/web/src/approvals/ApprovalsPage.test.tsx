import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from './ApprovalCard.js';
import type { ApprovalView } from './approval-view.js';
import { ApprovalsNavLink } from './ApprovalsNavLink.js';
import { ApprovalsPage } from './ApprovalsPage.js';
import { ApprovalsProvider, type ApprovalsPort } from './ApprovalsProvider.js';

afterEach(cleanup);

const base = {
  server: 'crm',
  conversation: { kind: 'group', id: 'team-west' },
  createdAt: '2026-12-02T09:00:00.000Z',
  expiresAt: '2099-12-02T10:00:00.000Z',
} as const;

const stage: ApprovalView = {
  ...base,
  id: 'ap-stage',
  tool: 'update_stage',
  arguments: { opportunityId: 'opp-17', stage: 'Negotiation' },
  askedBy: { id: 'alex', name: 'Alex Rivera' },
  status: 'pending',
  policy: { role: 'Manager' },
};
const morgansOwn: ApprovalView = {
  ...base,
  id: 'ap-own',
  tool: 'log_activity',
  arguments: { opportunityId: 'opp-3', kind: 'call', summary: 'Pilot agreed' },
  askedBy: { id: 'morgan', name: 'Morgan Lee' },
  status: 'rejected',
  policy: 'self',
  decidedBy: { id: 'morgan', name: 'Morgan Lee' },
  reason: 'Wrong deal',
};
const samsDone: ApprovalView = {
  ...base,
  id: 'ap-done',
  tool: 'update_amount',
  arguments: { opportunityId: 'opp-9', amount: 120000 },
  askedBy: { id: 'sam', name: 'Sam Chen' },
  status: 'approved',
  policy: { role: 'Manager' },
  decidedBy: { id: 'morgan', name: 'Morgan Lee' },
};

/** The API's edge: a list, a live feed the test pushes into, and decisions it records. */
function fakePort(initial: ApprovalView[]) {
  const decisions: { id: string; decision: Decision }[] = [];
  let push: ((a: ApprovalView) => void) | undefined;
  const port: ApprovalsPort = {
    list: () => Promise.resolve(initial),
    get: (id) => Promise.reject(new Error(`no ${id}`)),
    decide(id, decision) {
      decisions.push({ id, decision });
      const known = initial.find((a) => a.id === id)!;
      return Promise.resolve({
        ...known,
        status: decision.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: { id: 'morgan', name: 'Morgan Lee' },
      });
    },
    follow(_last, handlers) {
      push = (a) => handlers.onApproval(a, undefined);
      queueMicrotask(handlers.onStarted);
      return () => {
        push = undefined;
      };
    },
  };
  return { port, decisions, push: (a: ApprovalView) => act(() => push?.(a)) };
}

const morgan = { id: 'morgan', roles: ['Manager'] };

function renderPage(port: ApprovalsPort) {
  render(
    <ApprovalsProvider port={port}>
      <nav aria-label="Main">
        <ApprovalsNavLink viewer={morgan} current />
      </nav>
      <ApprovalsPage viewer={morgan} />
    </ApprovalsProvider>,
  );
}

const section = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name}`) });
const cardIds = (region: HTMLElement) =>
  [...region.querySelectorAll('[data-approval-id]')].map((el) =>
    el.getAttribute('data-approval-id'),
  );

describe('ApprovalsPage', () => {
  it('sorts requests into waiting for you, your own and recently decided, with the count on the nav link', async () => {
    const { port } = fakePort([stage, morgansOwn, samsDone]);
    renderPage(port);
    await screen.findByRole('heading', { name: /Waiting for your decision/ });
    expect(cardIds(section('Waiting for your decision'))).toEqual(['ap-stage']);
    expect(cardIds(section('Your requests'))).toEqual(['ap-own']);
    expect(cardIds(section('Recently decided'))).toEqual(['ap-done']);
    const link = screen.getByRole('link', { name: 'Approvals' });
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(link.querySelector('.nav-count')?.textContent).toBe('1');
    expect(document.getElementById(link.getAttribute('aria-describedby')!)?.textContent).toBe(
      '1 request waits for you',
    );
  });

  it('updates live: a new request arrives, and a decision made elsewhere moves it', async () => {
    const { port, push } = fakePort([]);
    renderPage(port);
    await screen.findByText('Nothing waits for your decision.');
    expect(screen.getByRole('link', { name: 'Approvals' }).querySelector('.nav-count')).toBeNull();
    push(stage);
    expect(cardIds(section('Waiting for your decision'))).toEqual(['ap-stage']);
    expect(
      screen.getByRole('link', { name: 'Approvals' }).querySelector('.nav-count')?.textContent,
    ).toBe('1');
    push({ ...stage, status: 'approved', decidedBy: { id: 'dana', name: 'Dana Park' } });
    expect(cardIds(section('Waiting for your decision'))).toEqual([]);
    expect(cardIds(section('Recently decided'))).toEqual(['ap-stage']);
    expect(within(section('Recently decided')).getByText('Approved by Dana Park.')).toBeTruthy();
    // A late copy of the pending request does not bring it back.
    push(stage);
    expect(cardIds(section('Recently decided'))).toEqual(['ap-stage']);
  });

  it('approves from the page and shows the outcome the server returned', async () => {
    const { port, decisions } = fakePort([stage]);
    renderPage(port);
    const waiting = await screen.findByRole('region', { name: /^Waiting for your decision/ });
    fireEvent.click(within(waiting).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(cardIds(section('Recently decided'))).toEqual(['ap-stage']));
    expect(decisions).toEqual([{ id: 'ap-stage', decision: { decision: 'approve' } }]);
    expect(screen.getByText('Approved by Morgan Lee.')).toBeTruthy();
  });
});
