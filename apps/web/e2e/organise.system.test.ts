import { readFile } from 'node:fs/promises';
import { textAnswer } from '@salescoach/llm/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { ask, completedAnswer, newConversation, signIn } from './ui.js';

/** The text of a file the page downloads when `click` runs. */
async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe('organising conversations, through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion([['renewal', textAnswer('Lead with the **value delivered** this year.')]], {
      title: 'Renewal plan',
      titles: [['Something else', 'Other topic']],
      otherwise: textAnswer('Noted. Anything else?'),
    }),
  );

  it('groups the sidebar by date, keeps a pinned conversation on top, and exports it', async () => {
    const context = await session.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'alex');
    await ask(page, 'How do I open a renewal call?');
    await completedAnswer(page, 0);
    await page.getByRole('heading', { name: 'Renewal plan' }).waitFor();
    await newConversation(page);
    await ask(page, 'Something else');
    await completedAnswer(page, 0);

    const sidebar = page.getByRole('navigation', { name: 'Conversations' });
    const today = sidebar.getByRole('region', { name: 'Today' });
    await today.getByRole('link', { name: 'Renewal plan' }).waitFor();
    expect(await sidebar.getByRole('region', { name: 'Pinned' }).count()).toBe(0);

    await today.getByRole('button', { name: 'Pin Renewal plan' }).click();
    const pinned = sidebar.getByRole('region', { name: 'Pinned' });
    await pinned.getByRole('link', { name: 'Renewal plan' }).waitFor();
    expect(await today.getByRole('link', { name: 'Renewal plan' }).count()).toBe(0);
    await page.reload();
    await pinned.getByRole('button', { name: 'Unpin Renewal plan' }).waitFor();
    await expectNoAxeViolations(page, 'grouped sidebar');

    await pinned.getByRole('link', { name: 'Renewal plan' }).click();
    await completedAnswer(page, 0);
    await page.getByRole('button', { name: 'Export' }).click();
    const markdown = await downloaded(page, () =>
      page.getByRole('button', { name: 'Export as Markdown' }).click(),
    );
    expect(markdown.name).toBe('renewal-plan.md');
    expect(markdown.text).toMatch(/^# Renewal plan\n/);
    expect(markdown.text).toContain('How do I open a renewal call?');
    expect(markdown.text).toContain('Lead with the **value delivered** this year.');

    await page.getByRole('button', { name: 'Export' }).click();
    const json = await downloaded(page, () =>
      page.getByRole('button', { name: 'Export as JSON' }).click(),
    );
    const parsed = JSON.parse(json.text) as { title: string; messages: { content: string }[] };
    expect(parsed.title).toBe('Renewal plan');
    expect(parsed.messages.map((m) => m.content)).toEqual([
      'How do I open a renewal call?',
      'Lead with the **value delivered** this year.',
    ]);
    await context.close();
  });
});
