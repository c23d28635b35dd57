import type { Message } from '@salescoach/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageItem } from './MessageItem.js';

afterEach(cleanup);

const question: Message = {
  id: 'q2',
  conversationId: 's1',
  conversationKind: 'session',
  seq: 3,
  author: { kind: 'user', userId: 'alex', name: 'Alex' },
  content: 'How do I open?',
  attachments: { tables: [], charts: [] },
  toolCalls: [],
  status: 'complete',
  versionOf: 'q1',
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};
const versions = { index: 2, count: 3, siblings: ['q1', 'q2', 'q3'], parentKey: '' };

describe('MessageItem versions and actions', () => {
  it('shows "2 / 3" and switches to the previous and next version', () => {
    const choose = vi.fn<(message: Message, versionId: string) => void>();
    render(
      <MessageItem
        message={question}
        ownUserId="alex"
        versions={versions}
        onChooseVersion={choose}
      />,
    );
    expect(screen.getByText('2 / 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next version' }));
    expect(choose.mock.calls.map((c) => c[1])).toEqual(['q1', 'q3']);
  });

  it('edits one\u2019s own message and offers no Edit or Delete on someone else\u2019s', async () => {
    const edit = vi.fn().mockResolvedValue(true);
    const { rerender } = render(
      <MessageItem message={question} ownUserId="alex" onEdit={edit} onDelete={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit message' }), {
      target: { value: 'How do I open with Fabrikam?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(edit).toHaveBeenCalledWith(question, 'How do I open with Fabrikam?');
    await screen.findByRole('button', { name: 'Edit' });

    rerender(
      <MessageItem
        message={{ ...question, editedAt: '2025-03-01T10:05:00.000Z' }}
        ownUserId="sam"
        onEdit={edit}
        onDelete={vi.fn()}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByText('edited')).toBeTruthy();
  });
});
