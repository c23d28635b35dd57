import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession } from './e2e-session.js';
import { artifactsDir, repoRoot } from './stack.js';
import { ask, completedAnswer } from './ui.js';

/** The good rep's lines (practice/examples/good.txt): pain, metrics and a dated next step. */
async function goodLines(): Promise<string[]> {
  const text = await readFile(join(repoRoot, 'practice', 'examples', 'good.txt'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return [lines[0], lines[1], lines.at(-1)].map((l) => l ?? '');
}

/** Says one line to the buyer and waits for the buyer's (nth, 0-based) complete reply. */
async function say(page: Page, line: string, reply: number): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(line);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('article.from-me').filter({ hasText: line }).waitFor();
  await completedAnswer(page, reply);
}

/** The call as shown: each message's author and words (markup and layout aside). */
async function transcript(page: Page): Promise<string[]> {
  const texts = await page
    .locator('section[aria-label="Practice messages"] article')
    .evaluateAll((articles) =>
      articles.map(
        (a) =>
          `${a.getAttribute('aria-label')}: ${a.querySelector('.plain, .markdown')?.textContent}`,
      ),
    );
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

describe('practice through nginx in Chromium (offline model)', () => {
  const session = offlineSession();

  it('starts a practice from a deal in an answer, plays three turns with a reload midway, ends and shows the scorecard with evidence', async () => {
    const { context, page, errors } = await session.person('alex', {
      viewport: { width: 1280, height: 900 },
    });
    const [first, second, third] = await goodLines();
    await ask(page, 'Show my open opportunities');
    const answer = await completedAnswer(page, 0);
    const action = answer.getByRole('link', { name: 'Practise this deal' }).first();
    await action.waitFor({ timeout: 30_000 });
    const dealName = (await action.locator('xpath=ancestor::tr/td[1]').innerText()).trim();
    await action.click();

    await page.waitForURL(/\/practice\/[^/?]+$/, { timeout: 30_000 });
    const practicePath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: new RegExp(dealName) }).waitFor();
    // The buyer opens the call, labelled as the offline model like every offline answer.
    const opening = await completedAnswer(page, 0);
    expect(await opening.locator('.badge-offline').innerText()).toBe('offline model');

    await say(page, first ?? '', 1);
    await say(page, second ?? '', 2);

    // A reload mid-practice keeps the call: same address, the whole transcript, still live.
    const before = await transcript(page);
    expect(before).toHaveLength(5);
    await page.reload();
    await completedAnswer(page, 2);
    expect(new URL(page.url()).pathname).toBe(practicePath);
    expect(await transcript(page)).toEqual(before);
    expect(await page.locator('article.from-me').count()).toBe(2);
    await say(page, third ?? '', 3);
    expect(await page.locator('article.from-coach').count()).toBe(4);

    // A hint shows beside the call, never in it.
    await page.getByRole('button', { name: 'Hint' }).click();
    const hints = page.getByRole('region', { name: 'Hints (only you see these)' });
    const hint = (await hints.getByRole('listitem').first().innerText()).trim();
    expect(hint.length).toBeGreaterThan(10);
    expect(await page.locator('section[aria-label="Practice messages"]').innerText()).not.toContain(
      hint,
    );
    await expectNoAxeViolations(page, 'practice call with a hint');

    await page.getByRole('button', { name: 'End and score' }).click();
    const scorecard = page.getByRole('region', { name: 'Scorecard' });
    await scorecard.waitFor({ timeout: 30_000 });
    const score = Number(await scorecard.getByTestId('score').innerText());
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(await scorecard.locator('.badge-offline').innerText()).toBe('offline model');
    const evidence = await scorecard.locator('blockquote').allInnerTexts();
    expect(evidence.length).toBeGreaterThan(1);
    for (const quote of evidence) {
      const said = quote.replace(/^You said:\s*“|”$/g, '');
      expect({
        said,
        fromRep: [first, second, third].some((line) => line?.includes(said)),
      }).toEqual({ said, fromRep: true });
    }
    const verdicts = await scorecard.locator('.check-verdict').allInnerTexts();
    expect(verdicts).toContain('passed');
    expect(verdicts).toContain('not passed');
    expect(await scorecard.getByRole('heading', { name: 'Strengths' }).count()).toBe(1);
    // The call is over: no message box, no Hint.
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Hint' }).count()).toBe(0);
    // The scorecard takes the focus, so a keyboard or screen reader user lands on it.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('scorecard');
    expect(await page.getByRole('region', { name: /Hints/ }).innerText()).toContain(
      'offline model',
    );
    await expectNoAxeViolations(page, 'practice scorecard');
    await page.screenshot({ path: join(artifactsDir, 'practice-scorecard.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await scorecard.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'practice scorecard, phone');
    await page.screenshot({ path: join(artifactsDir, 'practice-scorecard-phone.png') });
    // On a phone the call still fills the screen above the scorecard.
    const call = await page.getByRole('region', { name: 'Practice call' }).boundingBox();
    expect(call?.height).toBeGreaterThan(600);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The history lists it with its score, and the trend charts appear.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Practice' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();
    const history = page.getByRole('region', { name: 'Your practice history' });
    await history.getByRole('link', { name: new RegExp(dealName) }).waitFor();
    expect(await history.innerText()).toContain(`score ${score}`);
    await history.locator('svg[role="img"]').first().waitFor();
    expect(await page.getByRole('group', { name: 'From your deals' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'practice home');
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'practice-history.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
