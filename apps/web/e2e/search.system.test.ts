import { textAnswer } from '@salescoach/llm/testing';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { ask, completedAnswer, newConversation, signIn } from './ui.js';

describe('searching conversations (Ctrl+K), through nginx in Chromium', () => {
  const session = scriptedSession(
    answersByQuestion(
      [['Contoso', textAnswer('Book the **Contoso** renewal review for Tuesday.')]],
      {
        title: 'Contoso renewal',
        titles: [['weather', 'Small talk']],
        otherwise: textAnswer('Noted.'),
      },
    ),
  );

  it('finds a message with the words marked and opens its conversation at that message', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'alex');
    await ask(page, 'When is the Contoso renewal due?');
    await completedAnswer(page, 0);
    await newConversation(page);
    await ask(page, 'How is the weather?');
    await completedAnswer(page, 0);

    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    const box = dialog.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('contoso renew');
    const results = dialog.getByRole('list', { name: 'Results' });
    const question = results.getByRole('button', { name: /When is the Contoso renewal due/ });
    await question.waitFor();
    expect(await question.locator('mark').allInnerTexts()).toEqual(['Contoso', 'renew']);
    expect(await results.getByRole('button').count()).toBe(2); // the question and the answer
    expect(await results.getByText('How is the weather?').count()).toBe(0);
    await expectNoAxeViolations(page, 'search dialog');

    await question.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Contoso renewal' }).waitFor();
    expect(new URL(page.url()).searchParams.get('message')).not.toBeNull();
    const target = page.locator('article.message-target');
    await target.waitFor();
    expect(await target.innerText()).toContain('When is the Contoso renewal due?');
    expect(await target.isVisible()).toBe(true);
    await context.close();
  });

  it('finds nothing in other people’s conversations, and says so', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'sam');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByRole('searchbox', { name: 'Search conversations' }).fill('Contoso');
    await dialog.getByText('No results for “Contoso”').waitFor();
    await context.close();
  });
});
