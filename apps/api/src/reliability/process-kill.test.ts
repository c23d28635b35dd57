import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSalesCoachClient, type SalesCoachClient } from '@salescoach/client';
import type { Message } from '@salescoach/domain';
import {
  startScriptedOpenAiServer,
  textAnswer,
  type ScriptedOpenAiServer,
} from '@salescoach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, waitFor } from '../testing/index.js';
import { freePort, startApiProcess, type ApiProcess } from './api-process.js';
import { watchForLeaks } from './log-leak-check.js';
import { writeServersFile } from './mcp-servers-file.js';

/**
 * The API process is killed with SIGKILL while an answer streams, then started again on the
 * same port and DATA_DIR. The typed client is never told: its socket reconnects by itself,
 * its subscription resumes, and it sees the final state.
 */
const repoRoot = join(import.meta.dirname, '../../../..');
const secrets = watchForLeaks('processkill');
const lines: string[] = [];
let dataDir: string;
let model: ScriptedOpenAiServer;
let api: ApiProcess | undefined;
let client: SalesCoachClient | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sc-kill-'));
  model = await startScriptedOpenAiServer();
  const port = await freePort();
  env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    MCP_SERVERS_FILE: await writeServersFile(dataDir, []),
    PROMPT_TEMPLATE_FILE: join(repoRoot, 'prompts/coach.md'),
    PRACTICE_SCENARIOS_DIR: join(repoRoot, 'practice/scenarios'),
    PRACTICE_METHODOLOGY_DIR: join(repoRoot, 'practice/methodology'),
    LLM_PROVIDER: 'openai',
    OPENAI_API_KEY: secrets.canary('apikey'),
    OPENAI_BASE_URL: model.url,
    LLM_MAX_RETRIES: '0',
    LOG_LEVEL: 'debug',
    DELTA_COALESCE_MS: '5',
  };
  api = await startApiProcess(env, lines);
});
afterAll(async () => {
  await client?.close();
  await api?.stop('SIGTERM');
  await model.close();
  await rm(dataDir, { recursive: true, force: true });
  secrets.expectAbsentFrom(lines);
});

describe('API process killed mid-answer', () => {
  it(
    'fault: SIGKILL mid-answer, restarted on the same DATA_DIR → history intact, the cut answer interrupted, the client resumes by itself',
    { timeout: 90_000 },
    async () => {
      const url = `http://127.0.0.1:${env.PORT}`;
      const login = await fetch(`${url}/trpc/auth.devLogin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'alex' }),
      });
      const { token } = ((await login.json()) as { result: { data: { token: string } } }).result
        .data;
      secrets.track(token);
      client = createSalesCoachClient({ url: `ws://127.0.0.1:${env.PORT}/trpc`, token });
      const alex = client;

      const session = await alex.api.chat.sessions.create.mutate({ title: 'before the crash' });
      model.script([textAnswer('Your pipeline is healthy.')]);
      const seen = collectEvents();
      const sub = alex.api.chat.events.subscribe(
        { sessionId: session.id, lastEventId: null },
        { onData: seen.onData, onStarted: seen.onStarted },
      );
      await seen.started;
      const completed = (all: typeof seen.events) =>
        all.filter((e) => e.event.type === 'answer.completed').length;

      await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: `How is my pipeline? ${secrets.canary('first')}`,
        clientMessageId: 'q-1',
      });
      await seen.until((all) => completed(all) === 1);

      // A long, slow answer: about 400 chunks, 25 ms apart.
      model.script([textAnswer('word '.repeat(400), { chunkSize: 5, delayMs: 25 })]);
      await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: `Tell me everything ${secrets.canary('second')}`,
        clientMessageId: 'q-2',
      });
      await seen.until((all) => all.filter((e) => e.event.type === 'answer.delta').length >= 5);
      // The engine has saved some of the text (it checkpoints every 1.5 s while streaming).
      await waitFor(async () => {
        const page = await alex.api.chat.messages.list.query({ sessionId: session.id });
        const answer = page.messages[3];
        return answer?.status === 'streaming' && answer.content.length > 0 ? answer : undefined;
      }, 8_000);

      await api?.stop('SIGKILL');
      api = await startApiProcess(env, lines);

      // No new subscribe call: the client reconnects and its subscription resumes on its own.
      // The new process does not know the old event ids, so it says to reload (sync.reset),
      // or the client catches the interrupted answer live.
      await seen.until(
        (all) =>
          all.some(
            (e) =>
              e.event.type === 'sync.reset' ||
              (e.event.type === 'answer.completed' && e.event.message.status === 'interrupted'),
          ),
        30_000,
      );

      const history = await waitFor(async () => {
        const page = await alex.api.chat.messages.list.query({ sessionId: session.id });
        return page.messages.length === 4 && page.messages[3]?.status !== 'streaming'
          ? page.messages
          : undefined;
      });
      expect(history.map((m: Message) => [m.seq, m.author.kind, m.status])).toEqual([
        [1, 'user', 'complete'],
        [2, 'assistant', 'complete'],
        [3, 'user', 'complete'],
        [4, 'assistant', 'interrupted'],
      ]);
      expect(history[1]?.content).toBe('Your pipeline is healthy.');
      expect(history[2]?.content).toMatch(/^Tell me everything /);
      expect(history[3]?.error).toMatch(/cut off/);
      // The text written before the kill survived (saved while streaming).
      expect(history[3]?.content).toMatch(/^(word )+/);

      // The resumed subscription is live on the new process: the next answer streams to it.
      model.script([textAnswer('Back in business.')]);
      await alex.api.chat.send.mutate({
        sessionId: session.id,
        content: 'Are you back?',
        clientMessageId: 'q-3',
      });
      await seen.until((all) =>
        all.some(
          (e) =>
            e.event.type === 'answer.completed' && e.event.message.content === 'Back in business.',
        ),
      );
      sub.unsubscribe();
      const finalPage = await alex.api.chat.messages.list.query({ sessionId: session.id });
      expect(finalPage.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      const ids = seen.events.flatMap((e) => (e.id ? [e.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    },
  );
});
