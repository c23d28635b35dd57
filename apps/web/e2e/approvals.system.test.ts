import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { offlineSession, type E2eSession, type Person } from './e2e-session.js';
import { artifactsDir } from './stack.js';
import { ask, signIn } from './ui.js';

// Plain requests the offline model turns into the CRM's write tools (no keys, no LLM).
const MOVE = 'Move the Evergreen Robotics deal to Negotiation';
const TOO_SOON = 'Move the Granite Manufacturing deal to Proposal';
const LOG = 'Log a call with Crescent Financial: we agreed on a pilot';

const person = (session: E2eSession, user: string): Promise<Person> =>
  session.person(user, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });

/** Opens the West team's room (made the first time one of the team opens it). */
async function openTeamRoom(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/groups`);
  await page.getByRole('button', { name: 'Open West team room' }).click();
  await page.getByRole('heading', { name: 'West team' }).waitFor();
}

/** The request's card inside a coach message. */
function messageCard(page: Page, tool: RegExp): Locator {
  return page.locator('article.from-coach').getByRole('group', { name: tool });
}

/** The coach's message that reports what the approved call did (posted after the decision). */
function resultMessage(page: Page, text: RegExp): Locator {
  return page
    .locator('article.from-coach[data-status="complete"]')
    .filter({ hasNot: page.getByRole('group', { name: /Approval request/ }) })
    .filter({ hasText: text });
}

describe('approvals through nginx in Chromium (offline model)', () => {
  const session = offlineSession();

  it('alex asks in the team room to move a deal’s stage; alex and sam cannot approve, morgan approves from the card; everyone sees the result; the audit lists it', async () => {
    const alex = await person(session, 'alex');
    const sam = await person(session, 'sam');
    const morgan = await person(session, 'morgan');
    for (const p of [alex, sam, morgan]) await openTeamRoom(p.page, session.stack.origin);

    await ask(alex.page, `@coach ${MOVE}`);
    const stageCard = /Approval request: update stage/;

    // Everyone in the room sees the request; only the Manager gets the buttons.
    for (const p of [alex, sam]) {
      const card = messageCard(p.page, stageCard);
      await card.waitFor({ timeout: 60_000 });
      await card.getByText(/decided by a Manager/).waitFor();
      expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      expect(await card.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    }
    const card = messageCard(morgan.page, stageCard);
    await card.waitFor({ timeout: 60_000 });
    await expect(card.locator('dl').innerText()).resolves.toMatch(/Negotiation/);
    await card.getByText(/Expires in/).waitFor();
    // The nav badge counts it for morgan.
    const nav = morgan.page.getByRole('navigation', { name: 'Main' });
    await nav
      .getByRole('link', { name: 'Approvals' })
      .locator('.nav-count')
      .getByText('1')
      .waitFor();
    await expectNoAxeViolations(morgan.page, 'team room with an approval card');
    await morgan.page.screenshot({ path: join(artifactsDir, 'approvals-room-card.png') });

    // An edit the tool's schema refuses: the server's word shows beside the field, nothing runs.
    await card.getByRole('button', { name: 'Edit arguments' }).click();
    const stage = card.getByRole('textbox', { name: 'Stage' });
    await stage.fill('Nowhere');
    await card.getByRole('button', { name: 'Approve with these arguments' }).click();
    await card.locator('[aria-invalid="true"]').waitFor();
    const why = await stage.getAttribute('aria-describedby');
    await expect(morgan.page.locator(`[id="${why}"]`).innerText()).resolves.toMatch(/must be/);
    await expectNoAxeViolations(morgan.page, 'approval card with a refused edit');
    await card.getByRole('button', { name: 'Cancel' }).click();

    await card.getByRole('button', { name: 'Approve', exact: true }).click();

    // Everyone sees the decision and the coach's report of the change.
    for (const p of [alex, sam, morgan]) {
      await messageCard(p.page, stageCard)
        .getByText('Approved by Morgan Lee.')
        .waitFor({ timeout: 30_000 });
      await resultMessage(p.page, /Approved by Morgan Lee[\s\S]*Negotiation/).waitFor({
        timeout: 60_000,
      });
    }
    await expect(
      nav.getByRole('link', { name: 'Approvals' }).locator('.nav-count').count(),
    ).resolves.toBe(0);

    // A second request, rejected with a reason: everyone sees why, and nothing ran.
    await ask(alex.page, `@coach ${TOO_SOON}`);
    const second = messageCard(morgan.page, /Approval request: update stage/).nth(1);
    await second.waitFor({ timeout: 60_000 });
    await second.getByRole('button', { name: 'Reject', exact: true }).click();
    await second
      .getByRole('textbox', { name: 'Reason for rejecting' })
      .fill('Not before the pricing review');
    await second.getByRole('button', { name: 'Send rejection' }).click();
    for (const p of [alex, sam, morgan]) {
      await messageCard(p.page, stageCard)
        .nth(1)
        .getByText('Rejected by Morgan Lee: “Not before the pricing review”')
        .waitFor({ timeout: 30_000 });
      await resultMessage(p.page, /Rejected by Morgan Lee[\s\S]*not run/).waitFor({
        timeout: 30_000,
      });
    }

    // The Approvals page lists it as decided, and the audit shows the call with its decider.
    await nav.getByRole('link', { name: 'Approvals' }).click();
    const decided = morgan.page.getByRole('region', { name: /^Recently decided/ });
    await decided
      .getByRole('group', { name: stageCard })
      .getByText('Approved by Morgan Lee.')
      .waitFor();
    const audit = morgan.page.getByRole('region', { name: 'Audit log' });
    const row = audit
      .getByRole('row')
      .filter({ hasText: 'update stage' })
      .filter({ hasText: 'approved by Morgan Lee' });
    await row.first().waitFor({ timeout: 30_000 });
    await expect(row.first().innerText()).resolves.toMatch(/Alex Rivera[\s\S]*Negotiation/);
    // The rejected request's end is audited too: refused, with who rejected it.
    const rejected = audit
      .getByRole('row')
      .filter({ hasText: 'update stage' })
      .filter({ hasText: 'rejected by Morgan Lee' });
    await expect(rejected.first().innerText()).resolves.toMatch(/Alex Rivera[\s\S]*refused/);
    await expectNoAxeViolations(morgan.page, 'approvals page with the audit log');
    await morgan.page.screenshot({
      path: join(artifactsDir, 'approvals-page.png'),
      fullPage: true,
    });

    const [download] = await Promise.all([
      morgan.page.waitForEvent('download'),
      audit.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toMatch(/update_stage/);
    expect(csv).toMatch(/Morgan Lee/);

    // Sam, a rep, has no audit log on the page.
    await sam.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Approvals' })
      .click();
    await sam.page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    expect(await sam.page.getByRole('region', { name: 'Audit log' }).count()).toBe(0);

    // The browser logs the refused edit's 400; nothing else went wrong anywhere.
    expect(morgan.errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    for (const p of [alex, sam, morgan]) {
      if (p !== morgan) expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });

  it('1-on-1: alex’s request to log a call waits for alex, survives an API restart, and alex approves it', async () => {
    const alex = await person(session, 'alex');
    await ask(alex.page, LOG);
    const logCard = /Approval request: log activity/;
    const card = messageCard(alex.page, logCard);
    await card.waitFor({ timeout: 60_000 });
    await card.getByText(/decided by Alex Rivera \(the asker\)/).waitFor();
    const chatPath = new URL(alex.page.url()).pathname;

    // Nothing is lost across a restart: the request is still there, still pending.
    await session.stack.restartApi();
    await alex.page.goto(`${session.stack.origin}${chatPath}`);
    const again = messageCard(alex.page, logCard);
    await again.getByRole('button', { name: 'Approve', exact: true }).waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(alex.page, 'chat with an approval card');
    await again.getByRole('button', { name: 'Approve', exact: true }).click();
    await again.getByText('Approved by Alex Rivera.').waitFor({ timeout: 30_000 });
    await resultMessage(alex.page, /Approved by Alex Rivera/).waitFor({ timeout: 60_000 });

    await alex.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Approvals' })
      .click();
    const mine = alex.page.getByRole('region', { name: /^Your requests/ });
    await mine
      .getByRole('group', { name: logCard })
      .getByText('Approved by Alex Rivera.')
      .waitFor();
    // Only the socket's refused reconnects while the API was down.
    expect(alex.errors.filter((e) => !/Unexpected response code: 502/.test(e))).toEqual([]);
    await alex.context.close();
  });

  it('the Approvals page on a phone: one column, nothing wider than the screen', async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, session.stack.origin, 'morgan');
    await page.goto(`${session.stack.origin}/approvals`);
    await page.getByRole('region', { name: 'Audit log' }).getByRole('row').nth(1).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await expectNoAxeViolations(page, 'approvals page, phone');
    await page.screenshot({ path: join(artifactsDir, 'approvals-phone.png'), fullPage: true });
    await context.close();
  });
});
