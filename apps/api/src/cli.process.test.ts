import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToSpacedCheckout, type SpacedCheckout } from './testing/spaced-checkout.js';
import { startTestStack, type TestStack } from './testing/index.js';

/**
 * `pnpm salescoach …` as a real process, from a checkout whose path has spaces in it (its
 * entry check must not compare a percent-encoded URL with a raw path).
 */
let stack: TestStack;
let checkout: SpacedCheckout;
beforeAll(async () => {
  [stack, checkout] = await Promise.all([startTestStack({ crm: false }), copyToSpacedCheckout()]);
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await checkout?.remove();
});

describe('the salescoach CLI as a process', () => {
  it('answers from a checkout path with spaces', { timeout: 60_000 }, async () => {
    expect(checkout.root).toContain(' ');
    const { stdout } = await promisify(execFile)(
      'pnpm',
      [
        '--silent',
        'salescoach',
        'ask',
        'Hello coach',
        '--user',
        'alex',
        '--json',
        '--url',
        stack.server.wsUrl,
      ],
      { cwd: checkout.root, timeout: 45_000 },
    );
    expect(stdout, 'the CLI printed nothing (its entry check did not match)').not.toBe('');
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'complete',
      id: expect.any(String),
      content: expect.stringMatching(/\S/),
      sessionId: expect.any(String),
    });
  });
});
