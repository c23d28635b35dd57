import { mkdir } from 'node:fs/promises';
import {
  startScriptedOpenAiServer,
  type RecordedRequest,
  type ScriptStep,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import type { Browser } from 'playwright-core';
import {
  artifactsDir,
  buildWeb,
  launchChromium,
  startStack,
  type Stack,
  type StackOptions,
} from './stack.js';

export interface ScriptedSystem {
  readonly llm: ScriptedOpenAiServer;
  readonly stack: Stack;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** The scripted OpenAI-compatible server answering every request, the stack on it, Chromium. */
export async function startScriptedSystem(
  answer: (request: RecordedRequest) => ScriptStep,
  options: Omit<StackOptions, 'openAiBaseUrl'> = {},
): Promise<ScriptedSystem> {
  await mkdir(artifactsDir, { recursive: true });
  const llm = await startScriptedOpenAiServer();
  llm.setFallback(answer);
  await buildWeb();
  const stack = await startStack({ ...options, openAiBaseUrl: llm.url });
  const browser = await launchChromium();
  return {
    llm,
    stack,
    browser,
    async close() {
      await browser.close();
      await stack.stop();
      await llm.close();
    },
  };
}
