import type { Page } from 'playwright-core';

/** Signs in with the dev user's button and waits for the message box. */
export async function signIn(page: Page, origin: string, user: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: user, exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** Signs in with the dev user's button on the rooms page and waits for its "New room" button. */
export async function signInToRooms(page: Page, origin: string, user: string): Promise<void> {
  await page.goto(`${origin}/groups`);
  await page.getByRole('button', { name: user, exact: true }).click();
  await page.getByRole('button', { name: 'New room' }).waitFor();
}

export async function ask(page: Page, question: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
}

/**
 * Waits until the nth (0-based) coach answer is complete and returns it. On a timeout the
 * error says what the conversation showed instead (each message's class, status and text).
 */
export async function completedAnswer(page: Page, nth: number) {
  const answer = page.locator('article.from-coach[data-status="complete"]').nth(nth);
  try {
    await answer.waitFor({ timeout: 60_000 });
  } catch (error) {
    throw new Error(`answer ${nth} did not complete; the page showed:\n${await shown(page)}`, {
      cause: error,
    });
  }
  return answer;
}

/** The messages on the page and any alert, one line each, for a failure's message. */
async function shown(page: Page): Promise<string> {
  const lines = await page
    .locator('article.message, [role="alert"], [role="status"]')
    .evaluateAll((els) =>
      els.map((el) => {
        const status = el.getAttribute('data-status');
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
        return `${el.tagName.toLowerCase()}.${el.className}${status ? `[${status}]` : ''}: ${text}`;
      }),
    )
    .catch((error: unknown) => [`(could not read the page: ${String(error)})`]);
  return lines.join('\n');
}

/** Opens a new conversation with the sidebar's button (an untitled row has the same name). */
export async function newConversation(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: 'New conversation', exact: true })
    .first()
    .click();
  await page.getByRole('heading', { name: 'New conversation' }).waitFor();
}

/** Pixels between the bottom of the message scroller's view and the end of its content. */
export function distanceFromBottom(page: Page): Promise<number> {
  return page
    .locator('.message-scroller')
    .evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

/** Waits (on frames, not a timer) until the message list is scrolled to its end. */
export async function waitUntilAtBottom(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => {
      const el = document.querySelector('.message-scroller');
      return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 2;
    });
  } catch (error) {
    throw new Error(`the list stayed ${await distanceFromBottom(page)} px above its end`, {
      cause: error,
    });
  }
}

/** What has the keyboard focus, as an accessible description (tag and name). */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent;
    return `${el.tagName.toLowerCase()}:${label?.trim() ?? ''}`;
  });
}
