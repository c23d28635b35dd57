import { join } from 'node:path';
import { textAnswer } from '@salescoach/llm/testing';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession, scriptedSession } from './e2e-session.js';
import { artifactsDir } from './stack.js';
import { answersByQuestion } from './scripted-answers.js';
import { ask, completedAnswer, newConversation, signIn } from './ui.js';

const QUESTION = 'How is my pipeline this quarter by stage?';

describe('coaching chat through nginx in Chromium', () => {
  const session = offlineSession();

  it('signs in as alex, streams a pipeline answer with a table and a chart, and finds it again after a reload', async () => {
    const { context, page, errors } = await session.person('alex', {
      viewport: { width: 1280, height: 1000 },
    });
    await ask(page, QUESTION);
    await page.waitForURL(/\/chat\/[^/]+$/);
    const sessionPath = new URL(page.url()).pathname;

    const answer = page.locator('article.from-coach[data-status="complete"]').first();
    await answer.waitFor({ timeout: 60_000 });
    // Markdown renders from its own lazily loaded chunk: wait for the real table.
    await answer.getByRole('table').first().waitFor();
    await answer.locator('svg[role="img"]').first().waitFor();
    expect(await answer.locator('svg[role="img"] rect').count()).toBeGreaterThan(0);
    expect(await answer.locator('.badge-offline').innerText()).toBe('offline model');
    expect(await answer.locator('.chip-ok').count()).toBeGreaterThan(0);
    expect(await answer.getByRole('table').first().innerText()).toMatch(
      /Negotiation|Proposal|Qualification/,
    );

    await expectNoAxeViolations(page, 'pipeline answer with table and chart');
    await answer.scrollIntoViewIfNeeded();
    await page.locator('.message-scroller').evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.screenshot({ path: join(artifactsDir, 'chat-pipeline.png') });

    await page.reload();
    const again = page.locator('article.from-coach[data-status="complete"]').first();
    await again.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(sessionPath);
    expect(await page.locator('article.from-me').first().innerText()).toContain(QUESTION);
    await again.getByRole('table').first().waitFor();
    await again.locator('svg[role="img"]').first().waitFor();
    const link = page
      .getByRole('navigation', { name: 'Conversations' })
      .locator(`a[href="${sessionPath}"]`);
    expect(await link.getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: join(artifactsDir, 'chat-after-reload.png') });

    // Phone width: the sidebar folds behind a toggle, the message box stays usable.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true);
    const toggle = page.getByRole('button', { name: 'Conversations' });
    expect(await link.isVisible()).toBe(false);
    await toggle.click();
    expect(await link.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'phone, conversations open');
    await page.screenshot({ path: join(artifactsDir, 'chat-phone.png') });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers every starter suggestion from real demo data, with words for risk codes', async () => {
    const { context, page, errors } = await session.person('alex', {
      viewport: { width: 1280, height: 900 },
    });
    const suggestions = page.getByRole('list', { name: 'Suggestions' }).getByRole('button');
    const labels = await suggestions.allInnerTexts();
    expect(labels).toHaveLength(4);
    for (const [index, label] of labels.entries()) {
      await newConversation(page);
      await page.getByRole('button', { name: label }).click();
      const answer = await completedAnswer(page, 0);
      const text = await answer.innerText();
      expect({ label, failed: await answer.locator('.chip-failed').count() }).toEqual({
        label,
        failed: 0,
      });
      expect(text).not.toMatch(/acc-\d{3}|stale_next_step|crm__|failed/);
      if (index === 1) {
        await answer.getByRole('table').first().waitFor();
        expect(text).toMatch(
          /stale next step|slipped close date|single contact|no recent activity/,
        );
      }
      if (label === 'Tell me about Vantage Labs') {
        expect(text).toContain('Vantage Labs');
        expect(await answer.locator('.chip-ok').count()).toBe(2);
        await answer.getByRole('table').first().waitFor();
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when the connection drops, reconnects by itself and keeps streaming answers', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1100, height: 850 } });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'alex');
    await ask(page, 'Which of my deals are at risk?');
    await page
      .locator('article.from-coach[data-status="complete"]')
      .first()
      .waitFor({ timeout: 60_000 });

    const banner = page.locator('.connection-banner');
    // Watched from before the restart: the client may be connected again by the time the
    // restart's health check has seen the new process.
    const reconnecting = page
      .locator('.connection-banner[data-connection="reconnecting"]')
      .getByText('Reconnecting')
      .waitFor({ timeout: 30_000 });
    await session.stack.restartApi({ downMs: 1_500 });
    await reconnecting;
    await page.getByText('Connected again.').waitFor({ timeout: 60_000 });
    expect(await banner.getAttribute('data-connection')).toBe('connected');

    // The same conversation keeps working on the new server process, live.
    await ask(page, 'How is my pipeline this quarter by stage?');
    await page
      .locator('article.from-coach[data-status="complete"]')
      .nth(1)
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('article.from-coach').count()).toBe(2);
    expect(await page.locator('article.from-me').count()).toBe(2);
    await context.close();
  });

  it('opens a deep link in a fresh tab and shows the sign-in page first', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.stack.origin}/insights`);
    await page.getByRole('button', { name: 'morgan', exact: true }).click();
    await page.getByRole('heading', { name: 'Common questions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/insights');
    // The questions alex asked above are counted for managers.
    const total = await page.getByText(/questions this period/).innerText({ timeout: 30_000 });
    expect(Number(/(\d+) questions this period/.exec(total)?.[1])).toBeGreaterThan(0);
    await page.locator('ol.ranked > li').first().waitFor();
    await expectNoAxeViolations(page, 'insights');
    await page.screenshot({ path: join(artifactsDir, 'insights.png') });
    await context.close();
  });
});

describe('stopping an answer midway', () => {
  // A slow, long answer: about 40 seconds if nobody stops it.
  const story = 'Here is how to run a pricing negotiation, step by step. '.repeat(40);
  const session = scriptedSession(
    answersByQuestion([], {
      title: 'Contoso price pushback',
      otherwise: textAnswer(story, { chunkSize: 6, delayMs: 100 }),
    }),
  );

  it('stops a streaming answer with Stop, and the stopped answer is still there after a reload', async () => {
    const { context, page, errors } = await session.person('alex', {
      viewport: { width: 1000, height: 800 },
    });
    await ask(page, 'Contoso pushes back on price. How do I handle it?');

    const streaming = page.locator('article.from-coach[data-status="streaming"]');
    await streaming.getByText('pricing negotiation').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Stop' }).click();

    const stopped = page.locator('article.from-coach[data-status="interrupted"]');
    await stopped.waitFor({ timeout: 30_000 });
    expect(await stopped.getByText('stopped', { exact: true }).count()).toBe(1);
    const partial = await stopped.locator('.markdown').innerText();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(story.length);
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    // A stopped first answer still names the conversation (from the question).
    await page.getByRole('heading', { name: 'Contoso price pushback' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('link', { name: 'Contoso price pushback' })
      .waitFor();
    await page.screenshot({ path: join(artifactsDir, 'chat-stopped.png') });

    await page.reload();
    try {
      await page
        .locator('article.from-coach[data-status="interrupted"]')
        .waitFor({ timeout: 15_000 });
    } catch (error) {
      throw new Error(
        `the stopped answer did not come back after a reload; the page shows: ${await page.locator('body').innerText()} ${errors.join('|')}`,
        { cause: error },
      );
    }
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);

    // Esc stops an answer too.
    await ask(page, 'And how do I open the next call?');
    await page
      .locator('article.from-coach[data-status="streaming"]')
      .getByText('pricing negotiation')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page
      .locator('article.from-coach[data-status="interrupted"]')
      .nth(1)
      .waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
