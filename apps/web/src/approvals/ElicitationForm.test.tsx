import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElicitationView } from '@salescoach/domain';
import {
  ElicitationForm,
  type ElicitationAction,
  type ElicitationContent,
} from './ElicitationForm.js';

afterEach(cleanup);

const NOW = Date.parse('2026-12-02T10:00:00.000Z');

const which: ElicitationView = {
  id: 'el1',
  server: 'crm',
  message: 'Two opportunities match “Quarry”. Which one?',
  requestedSchema: {
    type: 'object',
    properties: {
      opportunityId: {
        type: 'string',
        title: 'Opportunity',
        enum: ['opp-quarry-robotics', 'opp-quarry-logistics'],
        enumNames: ['Quarry Robotics — Platform', 'Quarry Logistics — Pilot'],
      },
      note: { type: 'string', description: 'Anything the rep should know' },
      seats: { type: 'integer', minimum: 1 },
      confirm: { type: 'boolean', title: 'Log it now', default: true },
    },
    required: ['opportunityId'],
  },
  expiresAt: '2026-12-02T10:01:30.000Z',
  askedBy: { id: 'dev:alex', name: 'Alex Rivera' },
};

function form(
  onRespond: (action: ElicitationAction, content?: ElicitationContent) => Promise<unknown> = vi.fn(
    async () => undefined,
  ),
) {
  render(<ElicitationForm elicitation={which} onRespond={onRespond} now={NOW} />);
  return { onRespond, form: screen.getByRole('form', { name: /crm needs your input/ }) };
}

describe('ElicitationForm', () => {
  it('builds its fields from the requested schema and shows the time left', () => {
    const { form: f } = form();
    expect(f.textContent).toContain('Two opportunities match “Quarry”. Which one?');
    expect(f.textContent).toContain('Time left: 1 min 30 s');
    const choice = within(f).getByRole<HTMLSelectElement>('combobox', { name: 'Opportunity' });
    expect([...choice.options].map((o) => o.value)).toEqual([
      'opp-quarry-robotics',
      'opp-quarry-logistics',
    ]);
    expect(within(f).getByRole('textbox', { name: 'Note' })).toBeTruthy();
    expect([...choice.options].map((o) => o.text)).toEqual([
      'Quarry Robotics — Platform',
      'Quarry Logistics — Pilot',
    ]);
    expect(within(f).getByRole<HTMLInputElement>('checkbox', { name: 'Log it now' }).checked).toBe(
      true,
    );
    expect(within(f).getByRole('textbox', { name: 'Seats' })).toBeTruthy();
  });

  it('accepts with the typed content', async () => {
    const { onRespond, form: f } = form();
    fireEvent.change(within(f).getByRole('combobox', { name: 'Opportunity' }), {
      target: { value: 'opp-quarry-logistics' },
    });
    fireEvent.change(within(f).getByRole('textbox', { name: 'Seats' }), {
      target: { value: '12' },
    });
    // The default was "yes": unticked, it is sent as false.
    fireEvent.click(within(f).getByRole('checkbox', { name: 'Log it now' }));
    fireEvent.click(within(f).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(onRespond).toHaveBeenCalledTimes(1));
    expect(onRespond).toHaveBeenCalledWith('accept', {
      opportunityId: 'opp-quarry-logistics',
      seats: 12,
      confirm: false,
    });
  });

  it('declines and cancels without content, and shows a refusal', async () => {
    const onRespond = vi.fn(async (action: string) => {
      if (action === 'cancel') throw new Error('This request has already closed');
    });
    const { form: f } = form(onRespond);
    fireEvent.click(within(f).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(onRespond).toHaveBeenCalledWith('decline', undefined));
    fireEvent.click(within(f).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(within(f).getByRole('alert').textContent).toBe('This request has already closed'),
    );
  });
});
