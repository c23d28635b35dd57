import type { Message } from '@salescoach/domain';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageItem } from '../conversation/MessageItem.js';
import { serversToConnect } from './connect-requests.js';
import { ConnectionsContext } from './ConnectionsContext.js';
import { connected, fakeConnections, notConnected } from './connections-fixture.js';
import { ConnectionsPage } from './ConnectionsPage.js';

afterEach(cleanup);
beforeEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/chat/s-1');
});

const answer: Message = {
  id: 'a1',
  conversationId: 's-1',
  conversationKind: 'session',
  seq: 2,
  author: { kind: 'assistant', name: 'Coach' },
  content: 'I could not read your notes. Connect notes to use its tools, then ask again.',
  attachments: { tables: [], charts: [] },
  toolCalls: [
    {
      id: 't1',
      server: 'notes',
      tool: 'search_notes',
      status: 'refused',
      durationMs: 0,
      error: 'Connect notes to use its tools',
    },
  ],
  status: 'complete',
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:01.000Z',
};

describe('serversToConnect', () => {
  it('finds each server named in the exact sentence, once, in the answer, its error or its tool calls', () => {
    expect(serversToConnect(answer)).toEqual(['notes']);
    expect(
      serversToConnect({
        content: '',
        error: 'Connect calendar to use its tools',
        toolCalls: [{ ...answer.toolCalls[0]!, error: 'Connect my_crm-2 to use its tools' }],
      }),
    ).toEqual(['calendar', 'my_crm-2']);
    expect(
      serversToConnect({ content: 'Connect your calendar to see meetings.', toolCalls: [] }),
    ).toEqual([]);
  });
});

describe('MessageItem asking to connect a source', () => {
  it('shows "Connect <server>" beside the message, which goes to the authorization page and remembers the conversation', async () => {
    const { connections, calls, left } = fakeConnections(() => Promise.resolve([]));
    render(
      <ConnectionsContext.Provider value={connections}>
        <MessageItem message={answer} ownUserId="alex" />
      </ConnectionsContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Connect notes' }));
    await waitFor(() => expect(left).toEqual(['https://login.example.com/authorize?server=notes']));
    expect(calls).toEqual(['connect:notes']);
    expect(JSON.parse(window.sessionStorage.getItem('salescoach.connect.returnTo')!)).toEqual({
      server: 'notes',
      path: '/chat/s-1',
    });
  });

  it('shows no Connect button for other messages, nor outside sign-in', () => {
    const { connections } = fakeConnections(() => Promise.resolve([]));
    render(
      <ConnectionsContext.Provider value={connections}>
        <MessageItem
          message={{ ...answer, content: 'All good.', toolCalls: [] }}
          ownUserId="alex"
        />
      </ConnectionsContext.Provider>,
    );
    expect(screen.queryByRole('button', { name: /^Connect/ })).toBeNull();
    cleanup();
    render(<MessageItem message={answer} ownUserId="alex" />);
    expect(screen.queryByRole('button', { name: /^Connect/ })).toBeNull();
  });

  it('shows why when the API refuses to start connecting', async () => {
    const { connections, left } = fakeConnections(() => Promise.resolve([]));
    const refusing = {
      ...connections,
      port: {
        ...connections.port,
        connect: () => Promise.reject(new Error('notes is not a source you may use.')),
      },
    };
    render(
      <ConnectionsContext.Provider value={refusing}>
        <MessageItem message={answer} ownUserId="alex" />
      </ConnectionsContext.Provider>,
    );
    const button = screen.getByRole('button', { name: 'Connect notes' });
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'notes is not a source you may use.',
    );
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(left).toEqual([]);
  });

  it('drops the button once the tab has seen the server connected, and brings it back after a disconnect', async () => {
    const notes = { ...connected, server: 'notes', description: notConnected.description };
    const { connections } = fakeConnections(() => Promise.resolve([notes]));
    render(
      <ConnectionsContext.Provider value={connections}>
        <MessageItem message={answer} ownUserId="alex" />
        <ConnectionsPage connections={connections} />
      </ConnectionsContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    expect(screen.queryByRole('button', { name: 'Connect notes' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Connect notes' })).toHaveLength(2),
    );
  });
});
