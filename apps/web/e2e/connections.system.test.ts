import { join } from 'node:path';
import { textAnswer, toolCallAnswer, type RecordedRequest } from '@salescoach/llm/testing';
import {
  startOAuthAuthorizationServer,
  startOAuthProtectedMcpServer,
  type OAuthAuthorizationServer,
  type OAuthProtectedMcpServer,
} from '@salescoach/mcp/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { watchConsole } from './console-watch.js';
import { isTitleRequest } from './scripted-answers.js';
import { startScriptedSystem, type ScriptedSystem } from './scripted-system.js';
import { artifactsDir, type Stack } from './stack.js';
import { ask, completedAnswer, signIn } from './ui.js';

const SERVER = 'notes';
const TOOL = `${SERVER}__whoami`;
const QUESTION = 'Who am I on the notes server?';

interface ChatRequest {
  messages?: { role: string; content?: unknown }[];
  tools?: { function?: { name?: string } }[];
}

const body = (request: RecordedRequest) => (request.body ?? {}) as ChatRequest;
const offersTool = (request: RecordedRequest) =>
  body(request).tools?.some((t) => t.function?.name === TOOL) ?? false;
const systemPrompt = (request: RecordedRequest) => {
  const first = body(request).messages?.[0];
  return first?.role === 'system' && typeof first.content === 'string' ? first.content : '';
};

/**
 * The model: it calls `notes__whoami` when the engine offers it and repeats what it
 * returned; when the engine's prompt lists the source as not connected, it says what the
 * prompt tells it to say, word for word.
 */
function model(request: RecordedRequest) {
  if (isTitleRequest(request)) return textAnswer('Notes account');
  const last = body(request).messages?.at(-1);
  if (last?.role === 'tool') {
    // The engine wraps the result as untrusted data; the tool's own words are its `text`.
    const said = /\{"text":"([^"]*)"\}/.exec(String(last.content))?.[1] ?? 'nothing';
    return textAnswer(`The notes server says: ${said}.`);
  }
  if (offersTool(request)) return toolCallAnswer([{ name: TOOL, arguments: {} }]);
  const told = new RegExp(`\\*\\*${SERVER}\\*\\* \\(not connected\\)[^\\n]*say "([^"]+)"`).exec(
    systemPrompt(request),
  )?.[1];
  return textAnswer(told ? `I cannot read it yet. ${told}.` : 'I know of no notes server.');
}

interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  /** Each response the browser got for `/oauth/callback`: its origin and status. */
  readonly callbacks: string[];
}

describe('connecting an OAuth-protected MCP server per user, in Chromium through nginx', () => {
  let authorization: OAuthAuthorizationServer;
  let notes: OAuthProtectedMcpServer;
  let system: ScriptedSystem;
  let stack: Stack;
  let browser: Browser;
  /** The token requests the authorization server granted, by grant type, in order. */
  const grants: string[] = [];
  /** Refresh tokens revoked (destroyed) at the authorization server. */
  let revoked = 0;

  beforeAll(async () => {
    // Access tokens live 30 s, under the API's 60 s refresh margin: every use of a stored
    // token refreshes it first, so refreshing is seen without waiting for an expiry.
    authorization = await startOAuthAuthorizationServer({ accessTokenTtlSeconds: 30 });
    authorization.provider.on(
      'grant.success',
      (ctx: { oidc: { params?: { grant_type?: unknown } } }) =>
        grants.push(String(ctx.oidc.params?.grant_type)),
    );
    authorization.provider.on('refresh_token.destroyed', () => (revoked += 1));
    notes = await startOAuthProtectedMcpServer({ issuer: authorization.issuer });
    system = await startScriptedSystem(model, {
      servers: [
        {
          name: SERVER,
          description: 'Your own meeting notes, read with your notes account',
          transport: 'streamable-http',
          url: notes.url,
          roles: ['Sales', 'Manager'],
          auth: 'oauth',
        },
      ],
    });
    ({ stack, browser } = system);
  });

  afterAll(async () => {
    await system?.close();
    await notes?.close();
    await authorization?.close();
  });

  async function person(user: string, viewport = { width: 1280, height: 900 }): Promise<Person> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const { errors } = watchConsole(page, { origin: stack.origin });
    const callbacks: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname === '/oauth/callback') callbacks.push(`${url.origin} ${response.status()}`);
    });
    await signIn(page, stack.origin, user);
    return { context, page, errors, callbacks };
  }

  /** The provider's own sign-in page, as a person fills it in (any password will do). */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('textbox', { name: /Enter any login/ }).fill(login);
    await page.locator('input[type="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }

  /** Signs in at the provider and consents on its next page. */
  async function signInAndConsent(page: Page, login: string): Promise<void> {
    await signInAtProvider(page, login);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  /** A new conversation from the nav's "Chat", and the question in it. */
  async function askInANewChat(page: Page): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Chat' })
      .click();
    await ask(page, QUESTION);
  }

  const row = (page: Page) => page.getByRole('group', { name: SERVER, exact: true });

  /** The newest request the model got for a question (not a title). */
  const lastChatRequest = () => system.llm.requests.findLast((r) => !isTitleRequest(r))!;

  it('alex connects notes, the coach uses it for alex only, sam is told to connect and does so from the message, alex disconnects', async () => {
    const alex = await person('alex');
    await alex.page.getByRole('link', { name: 'Connections' }).click();
    await alex.page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await row(alex.page)
      .getByText('Your own meeting notes, read with your notes account')
      .waitFor();
    await row(alex.page).getByText('Not connected').waitFor();
    await expectNoAxeViolations(alex.page, 'connections, not connected');
    await alex.page.screenshot({ path: join(artifactsDir, 'connections-page.png') });

    // Connect: the provider's pages, then back to the page with the news.
    await row(alex.page)
      .getByRole('button', { name: `Connect ${SERVER}` })
      .click();
    await alex.page.waitForURL((url) => url.origin === authorization.issuer);
    await signInAndConsent(alex.page, 'alex');
    await alex.page.getByRole('status').getByText(`${SERVER} connected`).waitFor();
    expect(new URL(alex.page.url()).pathname + new URL(alex.page.url()).search).toBe(
      '/connections',
    );
    // PUBLIC_API_URL is the nginx origin: the provider sent the browser back through nginx,
    // which forwarded the callback to the API (its 303 on to the SPA).
    expect(alex.callbacks).toEqual([`${stack.origin} 303`]);
    await row(alex.page)
      .getByText(/^Connected since/)
      .waitFor();
    await row(alex.page).getByRole('button', { name: 'Disconnect' }).waitFor();
    expect(new Set(authorization.logins)).toEqual(new Set(['alex']));
    await expectNoAxeViolations(alex.page, 'connections, connected');
    await alex.page.screenshot({ path: join(artifactsDir, 'connections-connected.png') });

    // The coach uses the server with alex's own token.
    await askInANewChat(alex.page);
    const answer = await completedAnswer(alex.page, 0);
    await answer.getByText('The notes server says: you are alex.').waitFor();
    expect(notes.calls.map((c) => `${c.tool}:${c.subject}`)).toEqual(['whoami:alex']);
    // Connecting exchanged a code; using the connection refreshed its token.
    expect(grants[0]).toBe('authorization_code');
    expect(grants).toContain('refresh_token');

    // Sam has not connected: the tool is not offered, the coach says so, with the button.
    const sam = await person('sam');
    await ask(sam.page, QUESTION);
    const told = await completedAnswer(sam.page, 0);
    await told.getByText(`Connect ${SERVER} to use its tools`).waitFor();
    expect(offersTool(lastChatRequest())).toBe(false);
    expect(notes.calls).toHaveLength(1);
    await expectNoAxeViolations(sam.page, 'chat asking to connect');
    await sam.page.screenshot({ path: join(artifactsDir, 'connections-in-message.png') });

    // Sam connects from the message and comes back to the conversation.
    const chatPath = new URL(sam.page.url()).pathname;
    await told.getByRole('button', { name: `Connect ${SERVER}` }).click();
    await sam.page.waitForURL((url) => url.origin === authorization.issuer);
    await signInAndConsent(sam.page, 'sam');
    await sam.page.getByRole('status').getByText(`${SERVER} connected`).waitFor();
    expect(sam.callbacks).toEqual([`${stack.origin} 303`]);
    await sam.page.getByRole('link', { name: 'Back to the conversation' }).click();
    await sam.page.waitForURL((url) => url.pathname === chatPath);
    // The old request has done its work: its button is gone.
    await told.getByText(`Connect ${SERVER} to use its tools`).waitFor();
    expect(await told.getByRole('button', { name: `Connect ${SERVER}` }).count()).toBe(0);
    await ask(sam.page, QUESTION);
    const samsAnswer = await completedAnswer(sam.page, 1);
    await samsAnswer.getByText('The notes server says: you are sam.').waitFor();
    expect(notes.calls.map((c) => c.subject)).toEqual(['alex', 'sam']);

    // Alex disconnects (asked first): the row says so, and the tool is no longer offered.
    await alex.page.getByRole('link', { name: 'Connections' }).click();
    await row(alex.page).getByRole('button', { name: 'Disconnect' }).click();
    const revokedBefore = revoked;
    await alex.page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await row(alex.page).getByText('Not connected').waitFor();
    await alex.page.getByText(`${SERVER} disconnected`).waitFor();
    // The server was asked to revoke: the refresh token is gone there too.
    expect(revoked).toBeGreaterThan(revokedBefore);
    await row(alex.page)
      .getByRole('button', { name: `Connect ${SERVER}` })
      .waitFor();
    await askInANewChat(alex.page);
    const afterwards = await completedAnswer(alex.page, 0);
    await afterwards.getByText(`Connect ${SERVER} to use its tools`).waitFor();
    expect(offersTool(lastChatRequest())).toBe(false);
    expect(notes.calls).toHaveLength(2);

    // On a phone the page stacks each row and stays within the screen.
    const phone = await person('sam', { width: 390, height: 844 });
    await phone.page.getByRole('link', { name: 'Connections' }).click();
    await row(phone.page).getByRole('button', { name: 'Disconnect' }).waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await expectNoAxeViolations(phone.page, 'connections, phone');
    await phone.page.screenshot({ path: join(artifactsDir, 'connections-phone.png') });

    for (const p of [alex, sam, phone]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });

  it('morgan refuses at the consent page: the page shows why, and notes stays not connected', async () => {
    const morgan = await person('morgan');
    await morgan.page.getByRole('link', { name: 'Connections' }).click();
    await row(morgan.page)
      .getByRole('button', { name: `Connect ${SERVER}` })
      .click();
    await morgan.page.waitForURL((url) => url.origin === authorization.issuer);
    await signInAtProvider(morgan.page, 'morgan');
    await morgan.page.getByRole('link', { name: '[ Cancel ]' }).click();
    const alert = morgan.page.getByRole('alert');
    await alert.getByText(`Could not connect ${SERVER}:`).waitFor();
    expect(morgan.callbacks).toEqual([`${stack.origin} 303`]);
    expect(new URL(morgan.page.url()).search).toBe('');
    await row(morgan.page).getByText('Not connected').waitFor();
    await expectNoAxeViolations(morgan.page, 'connections, consent refused');
    expect(morgan.errors).toEqual([]);
    await morgan.context.close();
  });
});
