import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from '@salescoach/llm/testing';
import { startTestMcpServer, type TestMcpServer } from '@salescoach/mcp/testing';
import { startTestStack, type TestStack } from './test-stack.js';

/** The API with a scripted model and a test MCP server with write tools (`notes`, on behalf of the user). */
export interface NotesStack {
  readonly stack: TestStack;
  readonly model: ScriptedOpenAiServer;
  readonly notes: TestMcpServer;
  close(): Promise<void>;
}

export const notesServer = (url: string) => ({
  name: 'notes',
  description: 'Notes on records',
  transport: 'streamable-http',
  url,
  roles: ['Sales', 'Manager'],
  auth: 'obo',
  timeoutMs: 5_000,
});

/** Starts the stack (or another API on `parts`' model and notes server, e.g. after a restart). */
export async function startNotesStack(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    parts?: Pick<NotesStack, 'model' | 'notes'>;
  } = {},
): Promise<NotesStack> {
  const [model, notes] = options.parts
    ? [options.parts.model, options.parts.notes]
    : await Promise.all([startScriptedOpenAiServer(), startTestMcpServer()]);
  const stack = await startTestStack({
    crm: false,
    openAiBaseUrl: model.url,
    extraServers: [notesServer(notes.url)],
    ...(options.env ? { env: options.env } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  await stack.toolsReady();
  return {
    stack,
    model,
    notes,
    async close() {
      await stack.close();
      if (!options.parts) await Promise.all([model.close(), notes.close()]);
    },
  };
}
