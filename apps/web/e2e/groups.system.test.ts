import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession, type E2eSession } from './e2e-session.js';
import { artifactsDir } from './stack.js';
import { ask, signInToRooms } from './ui.js';

const signedInPage = (session: E2eSession, user: string) =>
  session.person(user, { viewport: { width: 1200, height: 850 } }, signInToRooms);

describe('group rooms in two browsers through nginx', () => {
  const session = offlineSession();

  it('shows messages, typing and an @coach answer to everyone in the room', async () => {
    const alex = await signedInPage(session, 'alex');
    const sam = await signedInPage(session, 'sam');

    // alex creates a Sales room where the coach answers when mentioned, and adds sam.
    await alex.page.getByRole('button', { name: 'New room' }).click();
    await alex.page.getByLabel('Room name').fill('Deal desk');
    await alex.page.getByLabel('Role').selectOption('Sales');
    await alex.page.getByLabel('When mentioned (@coach)').check();
    await alex.page.getByRole('button', { name: 'Create room' }).click();
    await alex.page.waitForURL(/\/groups\/[^/]+$/);
    const roomPath = new URL(alex.page.url()).pathname;
    await alex.page.getByLabel('Add a person').selectOption({ label: 'Sam Chen (Sales)' });
    await alex.page.getByRole('button', { name: 'Add', exact: true }).click();
    await alex.page.getByRole('button', { name: 'Remove Sam Chen' }).waitFor();

    // sam sees the room appear in the list without a reload, and opens it.
    await sam.page
      .getByRole('navigation', { name: 'Rooms' })
      .getByRole('link', { name: /Deal desk/ })
      .click({ timeout: 30_000 });
    await sam.page.getByRole('heading', { name: 'Deal desk' }).waitFor();
    expect(new URL(sam.page.url()).pathname).toBe(roomPath);
    await sam.page.getByRole('img', { name: 'online' }).first().waitFor();

    // Typing shows on the other side.
    const alexBox = alex.page.getByRole('textbox', { name: 'Message' });
    await alexBox.click();
    await alexBox.pressSequentially('Hello team, ', { delay: 30 });
    await sam.page.getByText(/Alex Rivera is typing/).waitFor({ timeout: 15_000 });
    await sam.page.screenshot({ path: join(artifactsDir, 'group-typing.png') });

    // A message reaches both, with its author's name.
    await alexBox.pressSequentially('Contoso wants a discount.');
    await alexBox.press('Enter');
    for (const { page } of [alex, sam]) {
      await page
        .locator('article.from-me, article.from-other')
        .filter({ hasText: 'Hello team, Contoso wants a discount.' })
        .waitFor();
    }
    expect(await sam.page.locator('article.from-other').first().getAttribute('aria-label')).toBe(
      'Alex Rivera',
    );
    // The typing line goes the moment the message arrives, not seconds later.
    expect(await sam.page.getByText(/is typing/).count()).toBe(0);

    // sam asks the coach with @ completion; the answer streams to both.
    const samBox = sam.page.getByRole('textbox', { name: 'Message' });
    await samBox.click();
    await samBox.pressSequentially('@coa');
    await sam.page.getByRole('option', { name: '@coach' }).waitFor();
    await samBox.press('Enter');
    expect(await samBox.inputValue()).toBe('@coach ');
    await samBox.pressSequentially('how is my pipeline this quarter by stage?');
    await sam.page.getByRole('button', { name: 'Send' }).click();

    for (const { page } of [sam, alex]) {
      const answer = page.locator('article.from-coach[data-status="complete"]').first();
      await answer.waitFor({ timeout: 60_000 });
      await answer.getByRole('table').first().waitFor();
      await answer.locator('svg[role="img"]').first().waitFor();
      expect(await answer.locator('.chip-ok').count()).toBeGreaterThan(0);
    }
    await expectNoAxeViolations(alex.page, 'room with a coach answer');
    await alex.page.screenshot({ path: join(artifactsDir, 'group-alex.png') });
    await sam.page.screenshot({ path: join(artifactsDir, 'group-sam.png') });

    // The owner renames the room, describes it and lets the coach answer every message.
    await alex.page.getByRole('button', { name: 'Room settings' }).click();
    await alex.page.getByLabel('Room name').fill('Deal desk West');
    await alex.page.getByLabel('Description').fill('Discounts and approvals');
    await alex.page.getByLabel('Every message').check();
    await expectNoAxeViolations(alex.page, 'room settings');
    await alex.page.getByRole('button', { name: 'Save', exact: true }).click();
    await sam.page.getByRole('heading', { name: 'Deal desk West' }).waitFor();
    await sam.page.getByText('Discounts and approvals').waitFor();
    await sam.page.getByText('The coach answers every message.').waitFor();

    // Adding someone without the room's role says what the coach will show them.
    await alex.page.getByLabel('Add a person').selectOption({ label: 'Riley Park (HR)' });
    const warning =
      'Riley Park does not have the Sales role. The coach answers everyone here with Sales tools, so Riley Park will see Sales data in its answers.';
    await alex.page.getByText(warning, { exact: true }).waitFor();
    await alex.page.getByRole('button', { name: 'Add', exact: true }).click();
    await alex.page
      .getByRole('status')
      .filter({ hasText: `Riley Park was added. ${warning}` })
      .waitFor();

    // A message in another room shows as unread for sam until sam opens it.
    await alex.page.getByRole('button', { name: 'New room' }).click();
    await alex.page.getByLabel('Room name').fill('Forecast call');
    await alex.page.getByRole('button', { name: 'Create room' }).click();
    await alex.page.getByRole('heading', { name: 'Forecast call' }).waitFor();
    await alex.page.getByLabel('Add a person').selectOption({ label: 'Sam Chen (Sales)' });
    await alex.page.getByRole('button', { name: 'Add', exact: true }).click();
    await alex.page.getByRole('button', { name: 'Remove Sam Chen' }).waitFor();
    await ask(alex.page, 'Call moved to 3 pm');
    await alex.page.locator('article.from-me').filter({ hasText: 'Call moved to 3 pm' }).waitFor();
    const rooms = sam.page.getByRole('navigation', { name: 'Rooms' });
    const forecast = rooms.getByRole('listitem').filter({ hasText: 'Forecast call' });
    await forecast.getByLabel('1 unread').waitFor({ timeout: 30_000 });
    await sam.page.screenshot({ path: join(artifactsDir, 'group-unread.png') });
    await forecast.getByRole('link').click();
    await sam.page
      .locator('article.from-other')
      .filter({ hasText: 'Call moved to 3 pm' })
      .waitFor();
    expect(await forecast.getByLabel(/unread/).count()).toBe(0);

    expect(alex.errors).toEqual([]);
    expect(sam.errors).toEqual([]);
    await alex.context.close();
    await sam.context.close();
  });
});
