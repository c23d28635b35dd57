import { join } from 'node:path';
import { textAnswer } from '@salescoach/llm/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { artifactsDir } from './stack.js';
import { signIn } from './ui.js';

const PHONE = { width: 390, height: 844 };

/** The top bar is one row, and nothing on the page is wider than the screen. */
async function expectPhoneLayout(page: Page, screen: string) {
  const bar = await page.locator('header.topbar').boundingBox();
  const link = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .first()
    .boundingBox();
  if (!bar || !link) throw new Error(`${screen}: no top bar`);
  expect(bar.height, `${screen}: the top bar wraps`).toBeLessThan(link.height * 2);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `${screen}: wider than the screen`,
  ).toBe(true);
  await expectNoAxeViolations(page, `${screen}, phone`);
}

/** The conversation fills the screen: the composer's bottom edge is the viewport's. */
async function expectComposerAtBottom(page: Page, screen: string) {
  const box = await page.locator('form.composer').boundingBox();
  if (!box) throw new Error(`${screen}: no composer`);
  expect(Math.round(PHONE.height - (box.y + box.height)), `${screen}: composer gap`).toBe(0);
}

describe('the main screens on a phone, through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion([], { title: 'Phone check', otherwise: textAnswer('Noted.') }),
  );

  it('keeps the top bar on one row with every link and button reachable by name', async () => {
    const context = await session.browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'morgan');
    for (const name of ['Chat', 'Rooms', 'Practice', 'Insights'])
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).waitFor();
    await page.getByRole('button', { name: 'Search' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectPhoneLayout(page, 'empty chat');
    await expectComposerAtBottom(page, 'empty chat');
    await page.screenshot({ path: join(artifactsDir, 'chat-empty-phone.png') });

    await page.getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor();
    await expectPhoneLayout(page, 'rooms');
    await page.screenshot({ path: join(artifactsDir, 'rooms-phone.png') });

    await page.getByRole('button', { name: 'New room' }).click();
    await page.getByRole('heading', { name: 'New room', level: 1 }).waitFor();
    await expectPhoneLayout(page, 'new room');
    await page.screenshot({ path: join(artifactsDir, 'room-new-phone.png') });
    await page.getByLabel('Room name').fill('Phone desk');
    await page.getByRole('button', { name: 'Create room' }).click();
    await page.getByRole('heading', { name: 'Phone desk' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await expectPhoneLayout(page, 'room');
    await expectComposerAtBottom(page, 'room');
    await page.screenshot({ path: join(artifactsDir, 'room-phone.png') });

    await page.getByRole('link', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Practice', level: 1 }).waitFor();
    await expectPhoneLayout(page, 'practice');
    await page.screenshot({ path: join(artifactsDir, 'practice-phone.png') });

    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Common questions', level: 1 }).waitFor();
    await expectPhoneLayout(page, 'insights');
    await page.screenshot({ path: join(artifactsDir, 'insights-phone.png') });
    await context.close();
  });
});
