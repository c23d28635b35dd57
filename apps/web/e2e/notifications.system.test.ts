import { textAnswer } from '@salescoach/llm/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { ask, completedAnswer, newConversation, signIn } from './ui.js';

const SLOW = 'Start with the economic buyer, then confirm the budget and the timeline.';

/**
 * Records every notification the page raises (the real Notification API still runs) and
 * lets the test hide the tab: `window.__hidden = true` makes document.visibilityState
 * "hidden", as when the user switched to another tab.
 */
const OBSERVE = () => {
  const w = window as unknown as { __notes: { title: string; body: string }[]; __hidden: boolean };
  w.__notes = [];
  w.__hidden = false;
  const Real = window.Notification;
  const Recording = function (title: string, options?: NotificationOptions) {
    w.__notes.push({ title, body: options?.body ?? '' });
    return new Real(title, options);
  } as unknown as typeof Notification;
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Recording.requestPermission = Real.requestPermission.bind(Real);
  window.Notification = Recording;
  Object.defineProperty(document, 'visibilityState', {
    get: () => (w.__hidden ? 'hidden' : 'visible'),
  });
};

const notes = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __notes: { title: string; body: string }[] }).__notes,
  );
const hide = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
  });

describe('notifications and unread counts, through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion([['buyer', textAnswer(SLOW, { chunkSize: 6, delayMs: 120 })]], {
      title: 'Buyer plan',
      titles: [['quick', 'Quick one']],
      otherwise: textAnswer('Noted.'),
    }),
  );
  const contexts: BrowserContext[] = [];

  async function open(user: string, allowed: boolean): Promise<Page> {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    if (allowed)
      await context.grantPermissions(['notifications'], { origin: session.stack.origin });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    await signIn(page, session.stack.origin, user);
    return page;
  }

  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('offers "Turn on notifications" until the browser has been answered', async () => {
    const asking = await open('riley', false);
    await asking.getByRole('button', { name: 'Turn on notifications' }).waitFor();
    const allowed = await open('admin', true);
    await allowed.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await allowed.getByRole('button', { name: 'Turn on notifications' }).count()).toBe(0);
  });

  it('notifies the coach’s answer when the tab is hidden, and not while it is shown', async () => {
    const page = await open('alex', true);
    await ask(page, 'quick check');
    await completedAnswer(page, 0);
    expect(await notes(page)).toEqual([]);
    await ask(page, 'Who is the buyer here?');
    await page.locator('article.from-coach[data-status="streaming"]').waitFor();
    await hide(page);
    await page.waitForFunction(
      () => (window as unknown as { __notes: unknown[] }).__notes.length > 0,
    );
    expect(await notes(page)).toEqual([{ title: 'The coach answered', body: SLOW }]);
  });

  it('counts unread messages of another conversation in the sidebar', async () => {
    const reader = await open('sam', true);
    await ask(reader, 'quick question');
    await completedAnswer(reader, 0);
    const firstPath = new URL(reader.url()).pathname;
    await newConversation(reader);
    await ask(reader, 'Another thing');
    await completedAnswer(reader, 0);
    // The same person, on another device, continues the first conversation.
    const other = await open('sam', true);
    await other.goto(`${session.stack.origin}${firstPath}`);
    await completedAnswer(other, 0);
    await ask(other, 'And one more thing');
    await completedAnswer(other, 1);
    const row = reader
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: /Quick one/ });
    await row.getByLabel('2 unread').waitFor({ timeout: 30_000 });
    await row.click();
    await completedAnswer(reader, 1);
    await newConversation(reader);
    expect(await row.getByLabel(/unread/).count()).toBe(0);
  });

  it('notifies an @mention in a room to the person mentioned only', async () => {
    const alex = await open('alex', true);
    const sam = await open('sam', true);
    await alex.getByRole('link', { name: 'Rooms' }).click();
    await alex.getByRole('button', { name: 'New room' }).click();
    await alex.getByLabel('Room name').fill('Mention desk');
    await alex.getByLabel('Role').selectOption('Sales');
    await alex.getByLabel('When mentioned (@coach)').check();
    await alex.getByRole('button', { name: 'Create room' }).click();
    await alex.waitForURL(/\/groups\/[^/]+$/);
    const roomPath = new URL(alex.url()).pathname;
    await alex.getByLabel('Add a person').selectOption({ label: 'Sam Chen (Sales)' });
    await alex.getByRole('button', { name: 'Add', exact: true }).click();
    await alex.getByRole('button', { name: 'Remove Sam Chen' }).waitFor();
    await sam.goto(`${session.stack.origin}${roomPath}`);
    await sam.getByRole('heading', { name: 'Mention desk' }).waitFor();
    await hide(sam);
    await hide(alex);
    const box = alex.getByRole('textbox', { name: 'Message' });
    await box.fill('@sam can you send the proposal?');
    await box.press('Enter');
    await sam.waitForFunction(
      () => (window as unknown as { __notes: unknown[] }).__notes.length > 0,
    );
    expect(await notes(sam)).toEqual([
      {
        title: 'Alex Rivera mentioned you in Mention desk',
        body: '@sam can you send the proposal?',
      },
    ]);
    expect(await notes(alex)).toEqual([]);
  });
});
