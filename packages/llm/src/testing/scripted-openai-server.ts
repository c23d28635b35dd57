import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedRequest, ScriptEntry, ScriptStep, StreamEvent } from './script-steps.js';
import {
  EMBEDDINGS_PATH,
  hashedWordsEmbedding,
  sendEmbeddings,
  type EmbeddingFunction,
} from './scripted-embeddings.js';

/**
 * A real HTTP server speaking the OpenAI Chat Completions API with SSE streaming, for tests
 * and benchmarks that drive the real `openai` SDK.
 *
 * ```ts
 * const server = await startScriptedOpenAiServer();
 * server.script([toolCallAnswer([{ name: 'crm__pipeline_summary', arguments: { quarter: '2026-Q4' } }]), textAnswer('Done.')]);
 * const llm = createOpenAiClient({ apiKey: 'test', baseURL: server.url, … });
 * // … server.requests[0].body.messages …
 * await server.close();
 * ```
 *
 * - `POST {url}/chat/completions` (OpenAI) and `POST /openai/deployments/{name}/chat/completions?api-version=…`
 *   (Azure, with `endpoint: server.origin`) are answered; anything else gets 404.
 * - Each request takes the next scripted step (`script` appends). With none left it gets the
 *   `setFallback` step, or else a 500 whose message says the script ran out.
 * - `POST {url}/embeddings` (and the Azure deployment path) answers with `setEmbedding`'s vectors.
 * - Every request is recorded (path, headers, JSON body) in `requests`, in arrival order.
 * - `close()` ends open (stalled) responses too.
 */
export interface ScriptedOpenAiServer {
  /** Base URL for the OpenAI SDK, including `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** `http://127.0.0.1:port`: the Azure `endpoint`. */
  readonly origin: string;
  /** Appends steps; each answers one request, in order. */
  script(steps: readonly ScriptEntry[]): void;
  /** The step used when the scripted steps have run out (e.g. for benchmarks). */
  setFallback(step: ScriptEntry | undefined): void;
  /** How `embeddings` requests are answered (default: hashed words, 64 dimensions). */
  setEmbedding(embed: EmbeddingFunction): void;
  /** Scripted steps not used yet. */
  readonly pending: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export async function startScriptedOpenAiServer(): Promise<ScriptedOpenAiServer> {
  const queue: ScriptEntry[] = [];
  const requests: RecordedRequest[] = [];
  let fallback: ScriptEntry | undefined;
  let embed: EmbeddingFunction = hashedWordsEmbedding;
  let closing = false;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const azure = AZURE_PATH.exec(url.pathname);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      ...(azure?.[1] ? { deployment: decodeURIComponent(azure[1]) } : {}),
      query: Object.fromEntries(url.searchParams),
      headers: headersOf(req),
      body: parseJson(raw),
    };
    requests.push(recorded);
    if (req.method === 'POST' && EMBEDDINGS_PATH.test(url.pathname)) {
      sendEmbeddings(res, recorded.body, embed);
      return;
    }
    if (req.method !== 'POST' || (url.pathname !== '/v1/chat/completions' && !azure)) {
      sendError(res, {
        type: 'error',
        status: 404,
        message: `no route for ${req.method} ${url.pathname}`,
        code: 'not_found',
      });
      return;
    }
    const entry = queue.shift() ?? fallback;
    const step: ScriptStep =
      entry === undefined
        ? {
            type: 'error',
            status: 500,
            message: 'the scripted server has no step left for this request',
            code: 'script_exhausted',
          }
        : typeof entry === 'function'
          ? entry(recorded)
          : entry;
    if (step.type === 'error') {
      sendError(res, step);
      return;
    }
    const model = (recorded.body as { model?: unknown } | undefined)?.model;
    await sendStream(
      res,
      step,
      typeof model === 'string' ? model : 'scripted-model',
      () => closing,
    );
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    script: (steps) => void queue.push(...steps),
    setFallback: (step) => void (fallback = step),
    setEmbedding: (fn) => void (embed = fn),
    get pending() {
      return queue.length;
    },
    requests,
    close: async () => {
      closing = true;
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

async function sendStream(
  res: ServerResponse,
  step: Extract<ScriptStep, { type: 'stream' }>,
  model: string,
  closing: () => boolean,
): Promise<void> {
  if (step.headersDelayMs) await sleep(step.headersDelayMs);
  if (res.destroyed || closing()) return;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': `req_${Date.now()}`,
  });
  res.flushHeaders();
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 10)}`;
  for (const event of step.events) {
    if (step.delayMs) await sleep(step.delayMs);
    if (res.destroyed || closing()) return;
    res.write(`data: ${JSON.stringify(chunkFor(event, id, model))}\n\n`);
  }
  switch (step.end ?? 'done') {
    case 'done':
      res.end('data: [DONE]\n\n');
      return;
    case 'drop':
      res.destroy();
      return;
    case 'stall':
      // Headers (and any events) sent, then silence until the client gives up or the server closes.
      return;
  }
}

function chunkFor(event: StreamEvent, id: string, model: string): unknown {
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
  };
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  if ('text' in event) return choice({ role: 'assistant', content: event.text });
  if ('toolCall' in event) {
    const { index, id: callId, name, arguments: args } = event.toolCall;
    const fn: Record<string, string> = {};
    if (name !== undefined) fn.name = name;
    if (args !== undefined) fn.arguments = args;
    return choice({
      tool_calls: [{ index, ...(callId ? { id: callId, type: 'function' } : {}), function: fn }],
    });
  }
  if ('finish' in event) return choice({}, event.finish);
  if ('usage' in event) {
    const { inputTokens, outputTokens } = event.usage;
    return {
      ...base,
      choices: [],
      usage: {
        prompt_tokens: inputTokens,
        completion_tokens: outputTokens,
        total_tokens: inputTokens + outputTokens,
      },
    };
  }
  if ('emptyChoices' in event) {
    return {
      ...base,
      choices: [],
      prompt_filter_results: [
        {
          prompt_index: 0,
          content_filter_results: { hate: { filtered: false, severity: 'safe' } },
        },
      ],
    };
  }
  if ('streamError' in event)
    return {
      error: {
        message: event.streamError.message,
        type: 'server_error',
        code: event.streamError.code ?? null,
      },
    };
  return event.raw;
}

function sendError(res: ServerResponse, step: Extract<ScriptStep, { type: 'error' }>): void {
  const body = JSON.stringify({
    error: {
      message: step.message ?? `scripted status ${step.status}`,
      type: step.status >= 500 ? 'server_error' : 'invalid_request_error',
      code: step.code ?? null,
      param: null,
    },
  });
  res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
