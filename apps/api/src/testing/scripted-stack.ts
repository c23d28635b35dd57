import {
  startScriptedOpenAiServer,
  type ScriptEntry,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';

export interface ScriptedStack extends TestStack {
  /** The OpenAI-compatible server the coach answers with: script it, or set a fallback. */
  readonly model: ScriptedOpenAiServer;
}

export interface ScriptedStackOptions extends Omit<TestStackOptions, 'openAiBaseUrl'> {
  /** The model's answer once the scripted steps have run out (`setFallback`). */
  readonly fallback?: ScriptEntry;
}

/** A test stack whose model is the scripted OpenAI-compatible server; `close` stops both. */
export async function startScriptedStack(
  options: ScriptedStackOptions = {},
): Promise<ScriptedStack> {
  const { fallback, ...stackOptions } = options;
  const model = await startScriptedOpenAiServer();
  try {
    const stack = await startTestStack({ ...stackOptions, openAiBaseUrl: model.url });
    if (fallback !== undefined) model.setFallback(fallback);
    return {
      ...stack,
      model,
      async close() {
        await stack.close();
        await model.close();
      },
    };
  } catch (error) {
    await model.close();
    throw error;
  }
}
