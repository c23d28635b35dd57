import { join } from 'node:path';
import { textAnswer, toolCallAnswer, type RecordedRequest } from '@salescoach/llm/testing';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { scriptedSession } from './e2e-session.js';
import { answersByQuestion } from './scripted-answers.js';
import { artifactsDir } from './stack.js';
import { ask } from './ui.js';

// Two of alex's open deals are at Quarry Robotics: the CRM asks which one when the call runs.
const LOG = 'Log a call with Quarry Robotics: we agreed on a pilot';

const byQuestion = answersByQuestion(
  [
    [
      LOG,
      toolCallAnswer([
        {
          name: 'crm__log_activity',
          arguments: {
            opportunity: 'Quarry Robotics',
            kind: 'call',
            summary: 'We agreed on a pilot',
          },
        },
      ]),
    ],
  ],
  { title: 'Quarry Robotics call', otherwise: textAnswer('Noted.') },
);

/** The model proposes the write; after a tool result it only says so. */
function model(request: RecordedRequest) {
  const messages = (request.body as { messages?: { role: string }[] } | undefined)?.messages ?? [];
  return messages.at(-1)?.role === 'tool'
    ? textAnswer('That change waits for an approval.')
    : byQuestion(request);
}

describe('a request for input from the CRM, in Chromium through nginx', () => {
  const session = scriptedSession(model);

  it('alex approves logging a call on an ambiguous name, picks the deal in the CRM’s form, and the call is logged on it', async () => {
    const { context, page, errors } = await session.person('alex', {
      viewport: { width: 1280, height: 900 },
    });
    await ask(page, LOG);
    const card = page
      .locator('article.from-coach')
      .getByRole('group', { name: /Approval request: log activity for Quarry Robotics/ });
    await card.getByRole('button', { name: 'Approve', exact: true }).click({ timeout: 60_000 });

    const form = page.getByRole('form', { name: /crm needs your input/ });
    await form.waitFor({ timeout: 30_000 });
    await form.getByText(/Time left:/).waitFor();
    const choice = form.getByRole('combobox');
    const labels = await choice.locator('option').allInnerTexts();
    expect(labels.length).toBe(2);
    expect(labels.every((l) => l.includes('Quarry Robotics'))).toBe(true);
    await expectNoAxeViolations(page, 'chat with a request for input');
    await page.screenshot({ path: join(artifactsDir, 'elicitation-form.png') });
    const picked = labels[1]!;
    await choice.selectOption({ label: picked });
    await form.getByRole('button', { name: 'Accept' }).click();

    await form.waitFor({ state: 'detached', timeout: 30_000 });
    await card.getByText('Approved by Alex Rivera.').waitFor({ timeout: 30_000 });
    const outcome = page
      .locator('article.from-coach[data-status="complete"]')
      .filter({ hasText: /Approved by Alex Rivera/ })
      .filter({ hasNot: page.getByRole('group', { name: /Approval request/ }) });
    await outcome.waitFor({ timeout: 30_000 });
    // The activity went on the deal picked in the form, not the other one.
    const deal = picked.split(' (')[0]!;
    const other = labels[0]!.split(' (')[0]!;
    const text = await outcome.innerText();
    expect(text).toContain(deal);
    expect(text).not.toContain(other);
    expect(errors).toEqual([]);
    await context.close();
  });
});
