import type { Message } from '@salescoach/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageItem } from './MessageItem.js';

afterEach(cleanup);

const answer: Message = {
  id: 'a1',
  conversationId: 's1',
  conversationKind: 'session',
  seq: 2,
  author: { kind: 'assistant', name: 'Coach' },
  content: 'Here is your pipeline.',
  attachments: {
    tables: [
      {
        title: 'Deals',
        columns: ['Deal', 'Amount'],
        rows: [['Contoso', '$10']],
        numericColumns: [1],
      },
    ],
    charts: [],
  },
  toolCalls: [
    { id: 't1', server: 'crm', tool: 'pipeline_summary', status: 'ok', durationMs: 1530 },
    { id: 't2', server: 'crm', tool: 'deal_risks', status: 'running', durationMs: 0 },
    {
      id: 't3',
      server: 'hr',
      tool: 'salaries',
      status: 'refused',
      durationMs: 0,
      error: 'not allowed',
    },
  ],
  status: 'complete',
  model: { provider: 'offline', name: 'offline' },
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:01.000Z',
};

describe('MessageItem', () => {
  it('shows the offline model badge, tool chips with durations, and attached tables', () => {
    render(<MessageItem message={answer} ownUserId="alex" />);
    expect(screen.getByText('offline model')).toBeTruthy();
    const chips = screen.getAllByRole('listitem').filter((li) => li.className.startsWith('chip'));
    expect(chips.map((c) => c.className)).toEqual([
      'chip chip-ok',
      'chip chip-running',
      'chip chip-refused',
    ]);
    expect(chips[0]!.textContent).toContain('done · 1.5 s');
    expect(chips[2]!.textContent).toContain('refused');
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('offers Retry on a failed answer and shows why it failed', () => {
    const onRetry = vi.fn();
    render(
      <MessageItem
        message={{ ...answer, status: 'failed', error: 'The model timed out', model: undefined }}
        ownUserId="alex"
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('The model timed out');
    expect(screen.queryByText('offline model')).toBeNull();
    screen.getByRole('button', { name: 'Retry' }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('marks a streaming answer busy and offers no actions yet', () => {
    render(
      <MessageItem message={{ ...answer, status: 'streaming', content: '' }} ownUserId="alex" />,
    );
    expect(screen.getByRole('article').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText(/Thinking/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('names other people and calls my own messages "You"', () => {
    const mine: Message = {
      ...answer,
      id: 'u1',
      author: { kind: 'user', userId: 'alex', name: 'Alex' },
      toolCalls: [],
      model: undefined,
    };
    const theirs: Message = {
      ...mine,
      id: 'u2',
      author: { kind: 'user', userId: 'sam', name: 'Sam Lee' },
    };
    render(
      <>
        <MessageItem message={mine} ownUserId="alex" />
        <MessageItem message={theirs} ownUserId="alex" />
      </>,
    );
    expect(screen.getAllByRole('article').map((a) => a.getAttribute('aria-label'))).toEqual([
      'You',
      'Sam Lee',
    ]);
    expect(screen.getByText('SL')).toBeTruthy();
  });
});

describe('answer feedback', () => {
  it('rates with an optional reason, and pressing the chosen verdict again takes it back', async () => {
    const onRate = vi.fn();
    const { rerender } = render(<MessageItem message={answer} ownUserId="alex" onRate={onRate} />);
    fireEvent.click(screen.getByRole('button', { name: 'Bad answer' }));
    expect(onRate).toHaveBeenLastCalledWith('a1', 'bad', undefined);
    fireEvent.change(screen.getByLabelText('What was wrong? (optional)'), {
      target: { value: ' Wrong quarter ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onRate).toHaveBeenLastCalledWith('a1', 'bad', 'Wrong quarter');
    expect(screen.queryByLabelText('What was wrong? (optional)')).toBeNull();

    rerender(
      <MessageItem
        message={answer}
        ownUserId="alex"
        onRate={onRate}
        feedback={{ messageId: 'a1', rating: 'bad', reason: 'Wrong quarter' }}
      />,
    );
    const bad = screen.getByRole('button', { name: 'Bad answer' });
    expect(bad.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    fireEvent.click(bad);
    expect(onRate).toHaveBeenLastCalledWith('a1', null, undefined);
  });

  it('is not offered on a person’s message or without a way to rate', () => {
    const question: Message = {
      ...answer,
      id: 'q1',
      author: { kind: 'user', userId: 'alex', name: 'Alex' },
    };
    render(<MessageItem message={question} ownUserId="alex" onRate={vi.fn()} />);
    render(<MessageItem message={answer} ownUserId="alex" />);
    expect(screen.queryByRole('button', { name: 'Good answer' })).toBeNull();
  });
});
