import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { unwrapEvent } from '@salescoach/client';
import OpenAI from 'openai';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { median, percentile, row, type BenchRow } from './bench-row.js';
import { forkBenchChild } from './child-ipc.js';
import type { ScriptedLlmReady } from './scripted-llm-child.js';
import { range, waitUntil } from './waiting.js';

export interface StreamingOptions {
  readonly tokens: number;
  readonly runs: number;
}

/** When each part of the text arrived: ms since the request, characters received so far. */
interface Arrivals {
  readonly at: number[];
  readonly chars: number[];
  totalMs: number;
  text: string;
}

const MODEL = 'bench-model';
const token = (i: number) => ` t${String(i % 100).padStart(2, '0')}`;
const ANSWER_TIMEOUT_MS = 60_000;

/** The baseline: the same stream read straight from the scripted server with the openai SDK. */
async function readDirect(server: ScriptedLlmReady): Promise<Arrivals> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: server.url, maxRetries: 0 });
  const arrivals: Arrivals = { at: [], chars: [], totalMs: 0, text: '' };
  const start = performance.now();
  const stream = await client.chat.completions.create({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream the benchmark answer.' }],
  });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta.content;
    if (!text) continue;
    arrivals.text += text;
    arrivals.at.push(performance.now() - start);
    arrivals.chars.push(arrivals.text.length);
  }
  arrivals.totalMs = performance.now() - start;
  return arrivals;
}

/** The product: send a question, read the answer's deltas as a client of the API. */
async function readThroughApi(api: ApiProcess, run: number): Promise<Arrivals> {
  const user = await api.user(`stream-${run}`);
  const client = api.client(user);
  try {
    const session = await client.api.chat.sessions.create.mutate({ title: 'Streaming bench' });
    const arrivals: Arrivals = { at: [], chars: [], totalMs: 0, text: '' };
    let start = 0;
    let done = false;
    let failure: string | undefined;
    await new Promise<void>((resolve, reject) => {
      client.api.chat.events.subscribe(
        { sessionId: session.id, lastEventId: null },
        {
          onStarted: () => resolve(),
          onError: reject,
          onData: (raw) => {
            const { event } = unwrapEvent(raw);
            if (event.type === 'answer.delta') {
              arrivals.text += event.text;
              arrivals.at.push(performance.now() - start);
              arrivals.chars.push(arrivals.text.length);
            } else if (event.type === 'answer.completed') {
              arrivals.totalMs = performance.now() - start;
              done = true;
            } else if (event.type === 'answer.failed') {
              failure = event.code;
              done = true;
            }
          },
        },
      );
    });
    start = performance.now();
    await client.api.chat.send.mutate({
      sessionId: session.id,
      content: 'Stream the benchmark answer.',
      clientMessageId: `stream-${run}`,
    });
    if (!(await waitUntil(() => done, ANSWER_TIMEOUT_MS)))
      throw new Error('the streamed answer did not complete in time');
    if (failure) throw new Error(`the streamed answer failed: ${failure}`);
    return arrivals;
  } finally {
    await api.closeClients([client]);
  }
}

/** For each delta the API delivered: how much later its last character arrived than it did directly. */
function lags(api: Arrivals, direct: Arrivals): number[] {
  let j = 0;
  return api.at.map((at, i) => {
    const chars = api.chars[i] ?? 0;
    while (j < direct.chars.length - 1 && (direct.chars[j] ?? 0) < chars) j += 1;
    return at - (direct.at[j] ?? 0);
  });
}

/** 2. A scripted model streaming N tokens at full speed, relayed by the API, against the SDK reading it directly. */
export async function runStreamingBench(options: StreamingOptions): Promise<BenchRow[]> {
  const text = range(options.tokens).map(token).join('');
  const { child: llm, ready: server } = await forkBenchChild<ScriptedLlmReady>(
    join(import.meta.dirname, 'scripted-llm-child.ts'),
    {
      text,
      chunkSize: token(0).length,
    },
  );
  const api = await startApiProcess({
    LLM_PROVIDER: 'openai',
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: server.url,
    OPENAI_CHAT_MODEL: MODEL,
    OPENAI_UTILITY_MODEL: MODEL,
    LLM_MAX_RETRIES: '0',
    SENDS_PER_MINUTE: '1000',
  });
  try {
    const direct: Arrivals[] = [];
    const relayed: Arrivals[] = [];
    // Warm-up: the first request on either path pays for loading and compiling code.
    await readDirect(server);
    await readThroughApi(api, options.runs);
    for (const run of range(options.runs)) {
      direct.push(await readDirect(server));
      relayed.push(await readThroughApi(api, run));
    }
    for (const a of [...direct, ...relayed]) {
      if (a.text !== text)
        throw new Error(`a stream lost text (${a.text.length} of ${text.length} characters)`);
    }
    const tokensPerSecond = (a: Arrivals) => options.tokens / (a.totalMs / 1000);
    const byRate = (list: Arrivals[]) =>
      [...list].sort((x, y) => tokensPerSecond(x) - tokensPerSecond(y))[
        Math.floor(list.length / 2)
      ]!;
    const api50 = byRate(relayed);
    const direct50 = byRate(direct);
    const lag = relayed.flatMap((a) => lags(a, direct50));
    const firstDirect = median(direct.map((a) => a.at[0] ?? 0));
    const frames = median(relayed.map((a) => a.at.length));
    const rate = row({
      metric: `streaming relay: tokens/s (${options.tokens.toLocaleString('en')} tokens, median of ${options.runs})`,
      value: tokensPerSecond(api50),
      baseline: tokensPerSecond(direct50),
      unit: 'tokens/s',
      goal: '≥ 20,000 tokens/s',
      note: `send → completed through the API vs request → end read directly with the openai SDK; ${options.tokens} SSE chunks arrive as ~${frames} coalesced deltas (DELTA_COALESCE_MS 30, 1,024 chars)`,
    });
    rate.pass = rate.value >= 20_000;
    return [
      rate,
      row({
        metric: 'streaming relay: added latency per delta p50',
        value: percentile(lag, 50),
        baseline: firstDirect,
        unit: 'ms',
        goal: '—',
        note: 'how much later each delta’s last character reached the API client than the SDK reading directly; baseline column: the direct time to first token',
      }),
      row({
        metric: 'streaming relay: added latency per delta p99',
        value: percentile(lag, 99),
        baseline: firstDirect,
        unit: 'ms',
        goal: '—',
      }),
    ];
  } finally {
    await api.close();
    await llm.close();
  }
}
