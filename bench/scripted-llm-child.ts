// The scripted OpenAI-compatible server in a process of its own, so that neither the API
// nor the direct SDK reader shares an event loop with it.
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { serveParent } from './child-ipc.js';

export interface ScriptedLlmReady {
  readonly url: string;
}

let server: ScriptedOpenAiServer | undefined;

serveParent({
  async start(payload) {
    const { text, chunkSize } = payload as { text: string; chunkSize: number };
    server = await startScriptedOpenAiServer();
    server.setFallback(textAnswer(text, { chunkSize }));
    return { url: server.url } satisfies ScriptedLlmReady;
  },
  requests: () => server?.requests.length ?? 0,
  async close() {
    await server?.close();
    setImmediate(() => process.exit(0));
    return true;
  },
});
