import { join } from 'node:path';
import { textAnswer } from '@salescoach/llm/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { scriptedSession } from './e2e-session.js';
import { watchConsole } from './console-watch.js';
import { answersByQuestion } from './scripted-answers.js';
import { artifactsDir } from './stack.js';
import {
  ask,
  completedAnswer,
  distanceFromBottom,
  focused,
  newConversation,
  signIn,
  waitUntilAtBottom,
} from './ui.js';

const LONG = Array.from(
  { length: 40 },
  (_, i) => `${i + 1}. Step ${i + 1} of the plan: confirm the next meeting and the budget owner.`,
).join('\n');
const UNSAFE =
  'Here is the logo ![SalesCoach](/favicon.svg) and a chart ![pixel](https://tracker.invalid/p.gif?d=acc-001). ' +
  'Also [click me](javascript:alert(1)) and [the docs](https://example.com/guide).';

const SQL = "SELECT name, amount FROM opportunities WHERE stage = 'Proposal';";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The composer's bottom edge sits on the viewport's bottom edge. */
async function composerGap(page: Page): Promise<number> {
  const box = await page.locator('form.composer').boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no composer on screen');
  return viewport.height - (box.y + box.height);
}

async function layoutGap(page: Page): Promise<number> {
  const box = await page.locator('.chat-layout').boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no layout on screen');
  return viewport.height - (box.y + box.height);
}

describe('the chat a daily user expects, through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion(
      [
        ['long plan', textAnswer(LONG, { chunkSize: 400 })],
        ['logo', textAnswer(UNSAFE)],
        ['query', textAnswer(`Here is the query:\n\n\`\`\`sql\n${SQL}\n\`\`\`\n\nRun it weekly.`)],
      ],
      { title: 'Deal planning', otherwise: textAnswer('Noted. Anything else?') },
    ),
  );

  it('fills the screen with the composer at the bottom, focuses the message box, and passes axe', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const console = watchConsole(page);

    await page.goto(`${session.stack.origin}/`);
    await page.getByRole('button', { name: 'alex', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'sign-in');
    await page.screenshot({ path: join(artifactsDir, 'signin-desktop.png') });
    await page.getByRole('button', { name: 'alex', exact: true }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await focused(page)).toBe('textarea:Message');

    expect(await composerGap(page)).toBe(0);
    await expectNoAxeViolations(page, 'empty chat');
    await page.screenshot({ path: join(artifactsDir, 'chat-empty-desktop.png') });

    await ask(page, 'Give me a long plan for Contoso');
    await page.waitForURL(/\/chat\/[^/]+$/);
    await completedAnswer(page, 0);
    expect(await focused(page)).toBe('textarea:Message');
    await page.getByRole('heading', { name: 'Deal planning' }).waitFor();

    await page.getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor();
    expect(await layoutGap(page)).toBe(0);
    await expectNoAxeViolations(page, 'rooms');
    await page.getByRole('button', { name: 'New room' }).click();
    await page.getByRole('heading', { name: 'New room', level: 1 }).waitFor();
    expect(await layoutGap(page)).toBe(0);
    await expectNoAxeViolations(page, 'new room');
    await page.screenshot({ path: join(artifactsDir, 'room-new-desktop.png') });

    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('heading', { name: 'New conversation' }).waitFor();
    expect(await composerGap(page)).toBe(0);
    await expectNoAxeViolations(page, 'empty chat, phone');
    await page.screenshot({ path: join(artifactsDir, 'chat-empty-phone.png') });

    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('follows a new answer to the bottom, and offers "Jump to latest" after scrolling up', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'sam');
    await ask(page, 'Give me a long plan for Fabrikam');
    await completedAnswer(page, 0);
    await ask(page, 'And a long plan for Northwind too');
    await completedAnswer(page, 1);
    await waitUntilAtBottom(page);
    expect(await page.getByRole('button', { name: 'Jump to latest' }).count()).toBe(0);

    await page.locator('.message-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    const jump = page.getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor();
    expect(await distanceFromBottom(page)).toBeGreaterThan(500);
    await page.screenshot({ path: join(artifactsDir, 'chat-jump-to-latest.png') });
    await jump.click();
    await waitUntilAtBottom(page);
    await jump.waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'conversation');
    await context.close();
  });

  it('keeps long titles inside the sidebar with rename and delete in reach', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'morgan');
    await ask(page, 'Hello');
    await completedAnswer(page, 0);
    const sidebar = page.getByRole('navigation', { name: 'Conversations' });
    await sidebar.getByRole('button', { name: 'Rename Deal planning' }).click();
    const long = 'Quarterly pipeline review for the West team with every open deal';
    await page.getByLabel('Conversation title').fill(long);
    await page.getByRole('button', { name: 'Save' }).click();
    const rename = sidebar.getByRole('button', { name: `Rename ${long}` });
    const remove = sidebar.getByRole('button', { name: `Delete ${long}` });
    await rename.waitFor();

    const aside = page.locator('aside.sidebar');
    const bounds = await aside.boundingBox();
    expect(await aside.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const button of [rename, remove]) {
      const box = await button.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(bounds!.x + bounds!.width);
    }
    const link = sidebar.getByRole('link', { name: long });
    expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await link.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');

    // Out of the way until the row is hovered or focused.
    await page.getByRole('textbox', { name: 'Message' }).hover();
    await newConversation(page);
    const opacity = () => rename.evaluate((el) => getComputedStyle(el.parentElement!).opacity);
    expect(await opacity()).toBe('0');
    await link.hover();
    expect(await opacity()).toBe('1');
    await page.getByRole('textbox', { name: 'Message' }).hover();
    await link.focus();
    expect(await opacity()).toBe('1');
    await context.close();
  });

  it('says in plain words when the server cannot be reached, and keeps an unsent message once', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'alex');
    await page.getByRole('link', { name: 'Deal planning' }).first().click();
    await completedAnswer(page, 0);

    const box = page.getByRole('textbox', { name: 'Message' });
    await session.stack.stopApi();
    try {
      await ask(page, 'Is this one sent?');
      const unsent = page.locator('article.pending');
      await unsent.getByText('not sent').waitFor({ timeout: 30_000 });
      expect(await unsent.getByRole('alert').innerText()).toBe(
        'SalesCoach cannot be reached right now. Check your connection and try again.',
      );
      expect(await box.inputValue()).toBe('');
      expect(await page.getByText('Is this one sent?').count()).toBe(1);
      expect(await page.locator('body').innerText()).not.toMatch(/Failed to|JSON|Unexpected/);
      await page.screenshot({ path: join(artifactsDir, 'chat-unreachable.png') });
    } finally {
      await session.stack.startApi();
    }
    await page.locator('article.pending').getByRole('button', { name: 'Retry' }).click();
    // Delivered: the stored message, no longer the pending one (which is also "from me").
    await page
      .locator('article.from-me:not(.pending)')
      .filter({ hasText: 'Is this one sent?' })
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('article.pending').count()).toBe(0);
    await completedAnswer(page, 1);
    expect(await page.getByText('Is this one sent?').count()).toBe(1);

    // A new conversation that cannot be created gives the text back to the box instead.
    await newConversation(page);
    await session.stack.stopApi();
    try {
      await ask(page, 'A brand new question');
      await page
        .getByRole('alert')
        .filter({ hasText: 'SalesCoach cannot be reached right now.' })
        .waitFor();
      expect(await box.inputValue()).toBe('A brand new question');
    } finally {
      await session.stack.startApi();
    }
    await context.close();
  });

  it('shows images from this site only and renders javascript: links as text', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const console = watchConsole(page);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(session.stack.origin) && !request.url().startsWith('data:'))
        outside.push(request.url());
    });
    await signIn(page, session.stack.origin, 'sam');
    await ask(page, 'Show me the logo');
    const answer = await completedAnswer(page, 0);
    await answer.getByRole('link', { name: 'Image: pixel' }).waitFor();
    expect(
      await answer.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src'))),
    ).toEqual([`${session.stack.origin}/favicon.svg`]);
    expect(await answer.getByRole('link', { name: 'click me' }).count()).toBe(0);
    await answer.getByText('click me').waitFor();
    expect(await answer.getByRole('link', { name: 'the docs' }).getAttribute('href')).toBe(
      'https://example.com/guide',
    );
    expect(outside).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('colours code blocks once their highlighter loads and copies the code with "Copy code"', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: session.stack.origin,
    });
    const page = await context.newPage();
    const console = watchConsole(page);
    await signIn(page, session.stack.origin, 'morgan');
    await ask(page, 'Write me a query for Proposal deals');
    const answer = await completedAnswer(page, 0);
    await answer.locator('pre code[data-highlighted="yes"] .hljs-keyword').first().waitFor();
    expect(await answer.locator('pre code').innerText()).toBe(SQL);
    await answer.getByRole('button', { name: 'Copy code' }).click();
    await answer.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SQL);
    await expectNoAxeViolations(page, 'answer with a code block');
    await page.screenshot({ path: join(artifactsDir, 'chat-code-block.png') });
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('lists the keyboard shortcuts on "?" and opens a new conversation with Ctrl+Shift+O', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'riley');
    await ask(page, 'Hello');
    await completedAnswer(page, 0);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getByText('Ctrl+Shift+O').count()).toBe(1);
    await expectNoAxeViolations(page, 'keyboard shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Shift+O');
    await page.waitForURL(`${session.stack.origin}/chat`);
    await page.getByRole('heading', { name: 'New conversation' }).waitFor();
    await context.close();
  });

  it('rates an answer "Good answer" with a reason, and the verdict is still there after a reload', async () => {
    const context = await session.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'sam');
    await ask(page, 'Hello coach');
    const answer = await completedAnswer(page, 0);
    await answer.getByRole('button', { name: 'Good answer' }).click();
    await answer.getByLabel('What was good? (optional)').fill('Short and clear');
    await expectNoAxeViolations(page, 'answer feedback');
    await answer.getByRole('button', { name: 'Send' }).click();
    await answer.getByText('Thanks for the feedback').waitFor();
    await page.reload();
    const again = await completedAnswer(page, 0);
    await again.locator('button[aria-pressed="true"]', { hasText: 'Good answer' }).waitFor();
    expect(
      await again.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed'),
    ).toBe('false');
    await context.close();
  });
});
