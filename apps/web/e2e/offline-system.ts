import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { artifactsDir, buildWeb, launchChromium, startStack, type Stack } from './stack.js';

export interface OfflineSystem {
  readonly stack: Stack;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** The freshly built SPA, the stack on the offline model (embedded defaults, no keys), Chromium. */
export async function startOfflineSystem(): Promise<OfflineSystem> {
  await mkdir(artifactsDir, { recursive: true });
  await buildWeb();
  const stack = await startStack();
  const browser = await launchChromium();
  return {
    stack,
    browser,
    async close() {
      await browser.close();
      await stack.stop();
    },
  };
}
