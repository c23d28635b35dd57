import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignedInContext, type SignedIn } from '../app/signed-in-context.js';
import { Composer } from './Composer.js';

afterEach(cleanup);

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter for a new line', async () => {
    const onSend = vi.fn(async () => true);
    render(<Composer onSend={onSend} answering={false} onStop={() => undefined} />);
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(onSend).toHaveBeenCalledWith('line one'));
    expect(box.value).toBe('');
  });

  it('shows Stop while answering and disables Send', () => {
    const onStop = vi.fn();
    render(<Composer onSend={async () => true} answering onStop={onStop} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledOnce();
  });

  it('completes @coach from the suggestion list with the keyboard', () => {
    render(
      <Composer
        onSend={async () => true}
        answering={false}
        onStop={() => undefined}
        mentionCandidates={['coach', 'sam']}
      />,
    );
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: '@c', selectionStart: 2 } });
    expect(screen.getByRole('option', { name: '@coach' })).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('@coach ');
  });

  it('hides the microphone where the browser has no speech recognition', () => {
    render(<Composer onSend={async () => true} answering={false} onStop={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'Dictate' })).toBeNull();
  });

  it('takes the focus when it appears and again when it becomes usable', () => {
    const props = { onSend: async () => true, answering: false, onStop: () => undefined };
    const { rerender } = render(<Composer {...props} disabled />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(document.activeElement).not.toBe(box);
    rerender(<Composer {...props} disabled={false} />);
    expect(document.activeElement).toBe(box);
  });

  it('leaves the focus where the reader put it', () => {
    const other = document.createElement('button');
    document.body.append(other);
    other.focus();
    render(<Composer onSend={async () => true} answering={false} onStop={() => undefined} />);
    expect(document.activeElement).toBe(other);
    other.remove();
  });

  it("keeps to the server's published message limit and counts near it", () => {
    const signedIn = { me: { limits: { messageChars: 100 } } } as unknown as SignedIn;
    render(
      <SignedInContext.Provider value={signedIn}>
        <Composer onSend={async () => true} answering={false} onStop={() => undefined} />
      </SignedInContext.Provider>,
    );
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    expect(box.maxLength).toBe(100);
    fireEvent.change(box, { target: { value: 'x'.repeat(89) } });
    expect(screen.queryByText(/characters$/)).toBeNull();
    fireEvent.change(box, { target: { value: 'x'.repeat(95) } });
    expect(screen.getByText('95 / 100 characters')).toBeTruthy();
    expect(box.getAttribute('aria-describedby')).toBe(screen.getByText('95 / 100 characters').id);
  });
});
