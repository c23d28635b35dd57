import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallDeadline } from './call-deadline.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('call deadline', () => {
  it('expires after its time', () => {
    const deadline = new CallDeadline(1_000);
    vi.advanceTimersByTime(999);
    expect(deadline.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
  });

  it('stands still while a form is being answered, then counts what was left', async () => {
    const deadline = new CallDeadline(1_000);
    vi.advanceTimersByTime(600);
    let answer: (value: string) => void = () => undefined;
    const form = deadline.whilePaused(() => new Promise<string>((resolve) => (answer = resolve)));
    vi.advanceTimersByTime(60_000);
    expect(deadline.expired).toBe(false);
    answer('done');
    await expect(form).resolves.toBe('done');
    vi.advanceTimersByTime(399);
    expect(deadline.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
  });
});
