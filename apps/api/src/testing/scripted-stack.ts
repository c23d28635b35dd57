import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';

export interface ScriptedStack extends TestStack {
  /** The OpenAI-compatible server the coach answers with: script it, or set a fallback. */
  readonly model: ScriptedOpenAiServer;
}

/** A test stack whose model is the scripted OpenAI-compatible server; `close` stops both. */
export async function startScriptedStack(
  options: Omit<TestStackOptions, 'openAiBaseUrl'> = {},
): Promise<ScriptedStack> {
  const model = await startScriptedOpenAiServer();
  try {
    const stack = await startTestStack({ ...options, openAiBaseUrl: model.url });
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
