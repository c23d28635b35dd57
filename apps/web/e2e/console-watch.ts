import type { Page } from 'playwright-core';

/**
 * Collects console errors and uncaught exceptions from a page (the app must produce none).
 * With `origin`, only while the page shows that site: another site the test passes through
 * (an authorization server's sign-in pages) is not the app.
 */
export function watchConsole(page: Page, options: { origin?: string } = {}): { errors: string[] } {
  const errors: string[] = [];
  const ours = () => !options.origin || new URL(page.url()).origin === options.origin;
  page.on('console', (message) => {
    if (message.type() === 'error' && ours()) errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (ours()) errors.push(`uncaught: ${error.message}`);
  });
  return { errors };
}
