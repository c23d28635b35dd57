import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionsPage } from './ConnectionsPage.js';
import { connected, fakeConnections, notConnected } from './connections-fixture.js';

afterEach(cleanup);
beforeEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/connections');
});

const row = (server: string) => screen.getByRole('group', { name: server });
/** The page's status line (what the callback or a disconnect said). */
const notice = () =>
  screen.getAllByRole('status').find((el) => el.classList.contains('connections-notice'))!;

describe('ConnectionsPage', () => {
  it('lists each source with its description and status, and Connect goes to the authorization page', async () => {
    const { connections, calls, left } = fakeConnections(() =>
      Promise.resolve([
        notConnected,
        connected,
        { server: 'crm2', description: 'A second CRM', status: 'needs_reconnect' as const },
      ]),
    );
    render(<ConnectionsPage connections={connections} />);
    expect(notice().textContent).toBe('');
    expect(screen.getByText('Loading connections…')).toBeTruthy();
    const notes = await screen.findByRole('group', { name: 'notes' });
    expect(within(notes).getByText('Meeting notes from your own notes account')).toBeTruthy();
    expect(within(notes).getByText('Not connected')).toBeTruthy();
    expect(within(notes).queryByRole('button', { name: 'Disconnect' })).toBeNull();
    const calendar = row('calendar');
    expect(within(calendar).getByText(/^Connected since/)).toBeTruthy();
    expect(within(calendar).getByText(/calendar\.read/)).toBeTruthy();
    expect(within(calendar).queryByRole('button', { name: /^Connect/ })).toBeNull();
    const lapsed = row('crm2');
    expect(within(lapsed).getByText(/^Needs reconnecting/)).toBeTruthy();
    expect(within(lapsed).getByRole('button', { name: 'Connect crm2' })).toBeTruthy();

    fireEvent.click(within(notes).getByRole('button', { name: 'Connect notes' }));
    await waitFor(() => expect(left).toEqual(['https://login.example.com/authorize?server=notes']));
    expect(calls).toEqual(['connect:notes']);
  });

  it('never leaves for an authorization address that is not a web page', async () => {
    const { connections, left } = fakeConnections(() => Promise.resolve([notConnected]), {
      authorizationUrl: 'javascript:alert(1)',
    });
    render(<ConnectionsPage connections={connections} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect notes' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not a web page/);
    expect(left).toEqual([]);
  });

  it('Disconnect asks first; Cancel keeps it, confirming disconnects and the row shows not connected', async () => {
    const { connections, calls } = fakeConnections(() => Promise.resolve([connected]));
    render(<ConnectionsPage connections={connections} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const ask = screen.getByRole('group', { name: 'Disconnect calendar?' });
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Disconnect' }));

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    const connect = await screen.findByRole('button', { name: 'Connect calendar' });
    expect(calls).toEqual(['disconnect:calendar']);
    expect(within(row('calendar')).getByText('Not connected')).toBeTruthy();
    expect(document.activeElement).toBe(connect);
    expect(notice().textContent).toBe('calendar disconnected');
  });

  it('says so when the server could not be asked to revoke, and keeps the row when disconnecting fails', async () => {
    const first = fakeConnections(() => Promise.resolve([connected]), { revoked: false });
    render(<ConnectionsPage connections={first.connections} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await screen.findByRole('button', { name: 'Connect calendar' });
    expect(notice().textContent).toMatch(/no way to revoke/);
    cleanup();

    const failing = fakeConnections(() => Promise.resolve([connected]), {
      failDisconnect: new Error('The server did not answer.'),
    });
    render(<ConnectionsPage connections={failing.connections} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server did not answer.');
    expect(within(row('calendar')).getByText(/^Connected since/)).toBeTruthy();
  });

  it('on the return from the callback says "<server> connected", offers the way back, and clears the address', async () => {
    window.sessionStorage.setItem(
      'salescoach.connect.returnTo',
      JSON.stringify({ server: 'notes', path: '/chat/s-42' }),
    );
    window.history.replaceState(null, '', '/connections?connected=notes');
    const { connections } = fakeConnections(() =>
      Promise.resolve([{ ...notConnected, status: 'connected' as const }]),
    );
    render(<ConnectionsPage connections={connections} />);
    expect(notice().textContent).toMatch(/^notes connected/);
    const back = screen.getByRole('link', { name: 'Back to the conversation' });
    expect(back.getAttribute('href')).toBe('/chat/s-42');
    expect(window.location.pathname + window.location.search).toBe('/connections');
    expect(window.sessionStorage.getItem('salescoach.connect.returnTo')).toBeNull();
    await screen.findByRole('button', { name: 'Disconnect' });
  });

  it('shows the callback’s error for its server', () => {
    window.history.replaceState(
      null,
      '',
      '/connections?error=The+consent+was+declined&server=notes',
    );
    const { connections } = fakeConnections(() => Promise.resolve([notConnected]));
    render(<ConnectionsPage connections={connections} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not connect notes: The consent was declined',
    );
    expect(window.location.search).toBe('');
  });

  it('says when no source needs connecting, and offers Try again when the list fails', async () => {
    let fail = true;
    const { connections } = fakeConnections(() =>
      fail ? Promise.reject(new Error('The list is not available.')) : Promise.resolve([]),
    );
    render(<ConnectionsPage connections={connections} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The list is not available\./);
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No sources need connecting.')).toBeTruthy();
  });
});
