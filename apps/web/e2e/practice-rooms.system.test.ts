import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession, type E2eSession } from './e2e-session.js';
import { artifactsDir } from './stack.js';
import { signInToRooms } from './ui.js';

const signedIn = (session: E2eSession, user: string) =>
  session.person(user, { viewport: { width: 1280, height: 900 } }, signInToRooms);

const call = (page: Page) => page.locator('section[aria-label="Practice messages"]');

/** The whispers this person's panel lists, in order. */
const whispersOn = (page: Page) =>
  page.getByRole('list', { name: 'Whispers' }).getByRole('listitem').allInnerTexts();

describe('practice in a room through nginx in Chromium (offline model)', () => {
  const session = offlineSession();

  it('members watch the call live; a whisper is seen by the rep and not by a third member', async () => {
    const alex = await signedIn(session, 'alex');
    const sam = await signedIn(session, 'sam');
    const morgan = await signedIn(session, 'morgan');

    // alex makes a room with sam and morgan, and starts a practice in it.
    await alex.page.getByRole('button', { name: 'New room' }).click();
    await alex.page.getByLabel('Room name').fill('Call practice');
    await alex.page.getByLabel('Role').selectOption('Sales');
    await alex.page.getByRole('button', { name: 'Create room' }).click();
    await alex.page.waitForURL(/\/groups\/[^/?]+$/);
    for (const person of ['Sam Chen (Sales)', 'Morgan Lee (Manager)']) {
      await alex.page.getByLabel('Add a person').selectOption({ label: person });
      await alex.page.getByRole('button', { name: 'Add', exact: true }).click();
      await alex.page.getByRole('button', { name: `Remove ${person.split(' (')[0]}` }).waitFor();
    }
    await alex.page.getByRole('button', { name: 'Practise in this room' }).click();
    await alex.page.getByRole('radio', { name: /Discovery call .*\(easy\)/ }).check();
    await alex.page.getByRole('button', { name: 'Start practice' }).click();
    await alex.page.waitForURL(/\?practice=/);
    await alex.page.locator('article.from-coach[data-status="complete"]').first().waitFor();

    // sam and morgan find the live call in the room and open it.
    for (const { page } of [sam, morgan]) {
      await page
        .getByRole('navigation', { name: 'Rooms' })
        .getByRole('link', { name: /Call practice/ })
        .click({ timeout: 30_000 });
      await page.getByRole('link', { name: /^Alex Rivera: Discovery call/ }).click();
      await page.getByText('Alex Rivera plays').waitFor();
    }
    // Only the rep plays.
    for (const { page } of [sam, morgan]) {
      expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'End and score' }).count()).toBe(0);
    }
    expect(await alex.page.getByRole('textbox', { name: 'Whisper to Alex Rivera' }).count()).toBe(
      0,
    );

    // The rep's line and the buyer's reply reach every member live.
    const line = 'Thanks for making the time. What is not working today?';
    await alex.page.getByRole('textbox', { name: 'Message' }).fill(line);
    await alex.page.getByRole('button', { name: 'Send' }).click();
    for (const { page } of [alex, sam, morgan])
      await page.locator('article.from-coach[data-status="complete"]').nth(1).waitFor();

    // sam whispers to alex; alex sees it beside the call.
    const secret = 'Ask who signs off on this.';
    await sam.page.getByRole('textbox', { name: 'Whisper to Alex Rivera' }).fill(secret);
    await sam.page.getByRole('button', { name: 'Whisper', exact: true }).click();
    await alex.page
      .getByRole('region', { name: 'Whispers to you' })
      .getByText(secret)
      .waitFor({ timeout: 15_000 });
    await sam.page.getByRole('list', { name: 'Whispers' }).getByText(secret).waitFor();

    // morgan's own whisper arrives on the same stream after sam's would have: alone.
    const own = 'Slow down a little.';
    await morgan.page.getByRole('textbox', { name: 'Whisper to Alex Rivera' }).fill(own);
    await morgan.page.getByRole('button', { name: 'Whisper', exact: true }).click();
    await morgan.page.getByRole('list', { name: 'Whispers' }).getByText(own).waitFor();
    expect(await whispersOn(morgan.page)).toEqual([own]);
    expect(await morgan.page.locator('body').innerText()).not.toContain(secret);
    // And after a reload, from the stored history.
    await morgan.page.reload();
    await morgan.page.getByRole('list', { name: 'Whispers' }).getByText(own).waitFor();
    expect(await whispersOn(morgan.page)).toEqual([own]);
    expect(await morgan.page.locator('body').innerText()).not.toContain(secret);
    await alex.page.getByRole('region', { name: 'Whispers to you' }).getByText(own).waitFor();
    expect(await whispersOn(alex.page)).toEqual([`Sam Chen: ${secret}`, `Morgan Lee: ${own}`]);

    // The whisper is never part of the call the buyer answers.
    for (const { page } of [alex, sam, morgan])
      expect(await call(page).innerText()).not.toContain(secret);
    await expectNoAxeViolations(alex.page, 'room practice with whispers (rep)');
    await expectNoAxeViolations(morgan.page, 'room practice (third member)');
    await alex.page.screenshot({ path: join(artifactsDir, 'room-practice-rep.png') });
    await morgan.page.screenshot({ path: join(artifactsDir, 'room-practice-member.png') });

    for (const person of [alex, sam, morgan]) {
      expect(person.errors).toEqual([]);
      await person.context.close();
    }
  });
});
