import type { RecordedRequest, ScriptStep } from '@salescoach/llm/testing';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { watchConsole } from './console-watch.js';
import { startOfflineSystem } from './offline-system.js';
import { startScriptedSystem } from './scripted-system.js';
import type { Stack, StackOptions } from './stack.js';
import { signIn } from './ui.js';

/** One user at their own browser context and page, signed in, with the page's console errors. */
export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

/** How a person signs in: `signIn` (the chat) unless told otherwise. */
export type SignIn = (page: Page, origin: string, user: string) => Promise<void>;

/** The system the tests of one describe block share: read it inside a test or hook. */
export interface E2eSession {
  readonly stack: Stack;
  readonly browser: Browser;
  /** A new context (with these options) and page for `user`, console watched, signed in. */
  person(user: string, context?: BrowserContextOptions, signInWith?: SignIn): Promise<Person>;
}

interface System {
  readonly stack: Stack;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts the system before the describe block's tests (beforeAll) and closes it after them. */
function sessionOf(start: () => Promise<System>): E2eSession {
  let system: System | undefined;
  beforeAll(async () => {
    system = await start();
  });
  afterAll(() => system?.close());
  const started = (): System => {
    if (!system) throw new Error('the e2e system has not started (read it inside a test)');
    return system;
  };
  return {
    get stack() {
      return started().stack;
    },
    get browser() {
      return started().browser;
    },
    async person(user, context = {}, signInWith = signIn) {
      const browserContext = await started().browser.newContext(context);
      const page = await browserContext.newPage();
      const { errors } = watchConsole(page);
      await signInWith(page, started().stack.origin, user);
      return { context: browserContext, page, errors };
    },
  };
}

/** The offline system (offline model, no keys) for the tests of the enclosing describe block. */
export function offlineSession(): E2eSession {
  return sessionOf(startOfflineSystem);
}

/** The system on the scripted OpenAI-compatible server, for the enclosing describe block. */
export function scriptedSession(
  answer: (request: RecordedRequest) => ScriptStep,
  options: Omit<StackOptions, 'openAiBaseUrl'> = {},
): E2eSession {
  return sessionOf(() => startScriptedSystem(answer, options));
}
