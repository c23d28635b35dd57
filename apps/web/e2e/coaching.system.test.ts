import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession } from './e2e-session.js';
import { artifactsDir } from './stack.js';
import { ask, completedAnswer, signIn } from './ui.js';

const SCENARIO_TITLE = 'Procurement pushes back on price';
const PINNED = 'Hold the price: restate the value case first, then offer the 3-year price lock.';

describe('the coaching loop through nginx in Chromium (offline model)', () => {
  const session = offlineSession();

  it('morgan sees alex’s and sam’s common question, pins an answer, makes a scenario of it and assigns it; alex sees both in the West team room', async () => {
    for (const [user, question] of [
      ['alex', 'How do I handle price objections from procurement?'],
      ['sam', 'How should I handle price objections from procurement?'],
    ] as const) {
      const context = await session.browser.newContext();
      const page = await context.newPage();
      await signIn(page, session.stack.origin, user);
      await ask(page, question);
      await completedAnswer(page, 0);
      await context.close();
    }

    const managerContext = await session.browser.newContext({
      viewport: { width: 1280, height: 1000 },
    });
    const morgan = await managerContext.newPage();
    await signIn(morgan, session.stack.origin, 'morgan');
    await morgan.goto(`${session.stack.origin}/insights`);
    const cluster = morgan
      .locator('ol.ranked > li')
      .filter({ hasText: /handle price objections from procurement/ });
    await cluster.waitFor({ timeout: 30_000 });
    await cluster.getByText('2 people').waitFor();

    await cluster.getByRole('button', { name: 'Pin an answer' }).click();
    const answer = cluster.getByRole('textbox', { name: /Answer for/ });
    await cluster.getByRole('button', { name: 'Draft with the coach' }).click();
    await cluster.getByText('The coach drafted an answer').waitFor({ timeout: 60_000 });
    expect((await answer.inputValue()).length).toBeGreaterThan(0);
    await answer.fill(PINNED);
    await cluster.getByRole('button', { name: 'Pin answer' }).click();
    await cluster.getByText('Pinned for West.').waitFor();

    // A scenario made from the question, edited, saved for the team, then assigned.
    await cluster.getByRole('button', { name: 'Make a scenario' }).click();
    const made = cluster.getByRole('form', { name: 'Make a scenario' });
    const titleBox = made.getByRole('textbox', { name: 'Title' });
    await titleBox.waitFor({ timeout: 30_000 });
    expect(
      (await made.getByRole('textbox', { name: 'Brief for the rep' }).inputValue()).length,
    ).toBeGreaterThan(0);
    await titleBox.fill(SCENARIO_TITLE);
    await made.getByRole('button', { name: 'Save scenario' }).click();
    const scenario = cluster.getByRole('combobox', { name: 'Scenario' });
    await scenario.waitFor();
    const title = (await scenario.locator('option:checked').innerText()).trim();
    expect(title).toContain(SCENARIO_TITLE);
    await cluster.getByRole('button', { name: 'Assign', exact: true }).click();
    await cluster.getByText(`Assigned “${title}” to the West team`).waitFor();
    await morgan
      .getByRole('region', { name: 'Practice progress' })
      .getByRole('rowheader', { name: 'Alex Rivera' })
      .waitFor();
    await expectNoAxeViolations(morgan, 'insights with actions');
    await morgan.screenshot({ path: join(artifactsDir, 'coaching-insights.png'), fullPage: true });
    await managerContext.close();

    const repContext = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const alex = await repContext.newPage();
    await signIn(alex, session.stack.origin, 'alex');
    await alex.goto(`${session.stack.origin}/groups`);
    await alex.getByRole('button', { name: 'Open West team room' }).click();
    await alex.getByRole('heading', { name: 'West team' }).waitFor();
    expect(new URL(alex.url()).pathname).toBe('/groups/team-west');
    const pins = alex.getByRole('region', { name: 'Pinned answers' });
    await pins.getByText(PINNED).waitFor();
    const assigned = alex.getByRole('region', { name: 'Assigned to you' });
    await assigned.getByText(title).waitFor();
    await expectNoAxeViolations(alex, 'team room');
    await alex.screenshot({ path: join(artifactsDir, 'coaching-team-room.png') });

    // One click starts the assigned practice.
    await assigned.getByRole('button', { name: `Start ${title}` }).click();
    await alex.waitForURL(/\/practice\/[^/]+$/);
    await alex.getByRole('textbox', { name: 'Message' }).waitFor();
    await repContext.close();
  });
});
