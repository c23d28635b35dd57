/**
 * What the scripted OpenAI-compatible server answers. One `ScriptStep` answers one request;
 * steps are used in the order they were scripted.
 */

/** One server-sent event of a streamed answer. */
export type StreamEvent =
  /** A `delta.content` chunk. */
  | { readonly text: string }
  /** A `delta.tool_calls` fragment: the first fragment of a call carries id and name. */
  | {
      readonly toolCall: {
        readonly index: number;
        readonly id?: string;
        readonly name?: string;
        readonly arguments?: string;
      };
    }
  /** A chunk whose choice has a `finish_reason`. */
  | { readonly finish: 'stop' | 'length' | 'tool_calls' | 'content_filter' }
  /** The final `choices: []` chunk with `usage` (sent for `stream_options.include_usage`). */
  | { readonly usage: { readonly inputTokens: number; readonly outputTokens: number } }
  /** A chunk with `choices: []`, like Azure's content-filter result chunks. */
  | { readonly emptyChoices: true }
  /** An `{ error: … }` payload in the stream (a server failing mid-answer). */
  | { readonly streamError: { readonly message: string; readonly code?: string } }
  /** Any JSON, sent as one `data:` line. */
  | { readonly raw: unknown };

export type ScriptStep =
  | {
      readonly type: 'stream';
      readonly events: readonly StreamEvent[];
      /** Pause before each event. Default 0. */
      readonly delayMs?: number;
      /** Pause before sending the response headers (a server slow to start answering). Default 0. */
      readonly headersDelayMs?: number;
      /**
       * `done` (default) sends `data: [DONE]` and ends the response; `stall` keeps the
       * connection open and sends nothing more; `drop` destroys the socket.
       */
      readonly end?: 'done' | 'stall' | 'drop';
    }
  | {
      /** A non-streamed error response: JSON `{ error: { message, type, code } }`. */
      readonly type: 'error';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly message?: string;
      readonly code?: string;
    };

/** A step, or a function choosing the step from the request it answers. */
export type ScriptEntry = ScriptStep | ((request: RecordedRequest) => ScriptStep);

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/v1/chat/completions` or `/openai/deployments/chat/chat/completions?api-version=2024-10-21`. */
  readonly path: string;
  /** The deployment name of an Azure-style path. */
  readonly deployment?: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (`undefined` if it was not JSON). */
  readonly body: unknown;
}

/** A streamed text answer in chunks of `chunkSize` characters, then finish `stop` and usage. */
export function textAnswer(
  text: string,
  options: {
    chunkSize?: number;
    delayMs?: number;
    usage?: { inputTokens: number; outputTokens: number };
  } = {},
): ScriptStep {
  const size = Math.max(1, options.chunkSize ?? 8);
  const events: StreamEvent[] = [];
  for (let at = 0; at < text.length; at += size) events.push({ text: text.slice(at, at + size) });
  events.push(
    { finish: 'stop' },
    { usage: options.usage ?? { inputTokens: 10, outputTokens: events.length } },
  );
  return options.delayMs === undefined
    ? { type: 'stream', events }
    : { type: 'stream', events, delayMs: options.delayMs };
}

/**
 * A streamed answer asking for tools, the calls in parallel (indexes 0, 1, …), each call's
 * arguments split into fragments of `fragmentSize` characters, then finish `tool_calls` and usage.
 */
export function toolCallAnswer(
  calls: readonly { readonly name: string; readonly arguments: unknown; readonly id?: string }[],
  options: { fragmentSize?: number; delayMs?: number } = {},
): ScriptStep {
  const size = Math.max(1, options.fragmentSize ?? 7);
  const events: StreamEvent[] = [];
  calls.forEach((call, index) => {
    const json =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    events.push({
      toolCall: { index, id: call.id ?? `call_${index + 1}`, name: call.name, arguments: '' },
    });
    for (let at = 0; at < json.length; at += size)
      events.push({ toolCall: { index, arguments: json.slice(at, at + size) } });
  });
  events.push(
    { finish: 'tool_calls' },
    { usage: { inputTokens: 20, outputTokens: events.length } },
  );
  return options.delayMs === undefined
    ? { type: 'stream', events }
    : { type: 'stream', events, delayMs: options.delayMs };
}
