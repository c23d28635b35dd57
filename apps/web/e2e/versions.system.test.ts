import { join } from 'node:path';
import { textAnswer } from '@salescoach/llm/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { artifactsDir } from './stack.js';
import { ask, completedAnswer, signIn } from './ui.js';

/** Edit with versions in chat, and a room message deleted for everyone, in Chromium through nginx. */
describe('edit, versions and delete, through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion(
      [
        ['Contoso', textAnswer('Open with the Contoso renewal numbers.')],
        ['Fabrikam', textAnswer('Open with the Fabrikam pilot results.')],
      ],
      { title: 'Opening a call', otherwise: textAnswer('Noted.') },
    ),
  );

  const newPage = async (user: string, path = '/'): Promise<Page> => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, user);
    if (path !== '/') await page.goto(`${session.stack.origin}${path}`);
    return page;
  };

  it('edits a question: a new answer, and "Previous version" shows "1 / 2" with the first', async () => {
    const page = await newPage('alex');
    await ask(page, 'How do I open with Contoso?');
    await (await completedAnswer(page, 0)).getByText('Contoso renewal numbers').waitFor();

    const question = page.locator('article.from-me').first();
    await question.getByRole('button', { name: 'Edit' }).click();
    await question
      .getByRole('textbox', { name: 'Edit message' })
      .fill('How do I open with Fabrikam?');
    await question.getByRole('button', { name: 'Save' }).click();

    const messages = page.getByRole('region', { name: 'Messages' });
    await messages.getByText('Fabrikam pilot results').waitFor({ timeout: 60_000 });
    const edited = page.locator('article.from-me').first();
    await edited.getByText('2 / 2').waitFor();
    expect(await messages.getByText('Contoso renewal numbers').count()).toBe(0);
    await page.screenshot({ path: join(artifactsDir, 'message-versions.png') });

    await edited.getByRole('button', { name: 'Previous version' }).click();
    const first = page.locator('article.from-me').first();
    await first.getByText('1 / 2').waitFor();
    await first.getByText('How do I open with Contoso?').waitFor();
    await messages.getByText('Contoso renewal numbers').waitFor();
    expect(await messages.getByText('Fabrikam pilot results').count()).toBe(0);
    await first.getByRole('button', { name: 'Next version' }).click();
    await page.locator('article.from-me').first().getByText('2 / 2').waitFor();
    await page.context().close();
  });

  it('a message deleted in a room disappears for another member, live', async () => {
    const alex = await newPage('alex', '/groups');
    const sam = await newPage('sam', '/groups');
    await alex.getByRole('button', { name: 'New room' }).click();
    await alex.getByLabel('Room name').fill('Versions desk');
    await alex.getByLabel('Role').selectOption('Sales');
    await alex.getByLabel('When mentioned (@coach)').check();
    await alex.getByRole('button', { name: 'Create room' }).click();
    await alex.waitForURL(/\/groups\/[^/]+$/);
    await alex.getByLabel('Add a person').selectOption({ label: 'Sam Chen (Sales)' });
    await alex.getByRole('button', { name: 'Add', exact: true }).click();
    await alex.getByRole('button', { name: 'Remove Sam Chen' }).waitFor();
    await sam
      .getByRole('navigation', { name: 'Rooms' })
      .getByRole('link', { name: /Versions desk/ })
      .click({ timeout: 30_000 });
    await sam.getByRole('heading', { name: 'Versions desk' }).waitFor();

    await ask(alex, 'Wrong room, sorry');
    const samRoom = sam.getByRole('region', { name: 'Room messages' });
    await samRoom.getByText('Wrong room, sorry').waitFor();
    // Only the author has the actions.
    expect(await samRoom.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await alex
      .getByRole('region', { name: 'Room messages' })
      .locator('article.from-me', { hasText: 'Wrong room, sorry' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await samRoom.getByText('Wrong room, sorry').waitFor({ state: 'detached' });
    await sam.reload();
    await sam.getByRole('heading', { name: 'Versions desk' }).waitFor();
    expect(await sam.getByText('Wrong room, sorry').count()).toBe(0);
    await alex.context().close();
    await sam.context().close();
  });
});
