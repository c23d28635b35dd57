import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  type ElicitRequestFormParams,
  ElicitResultSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { closeMcpHttpServer, listenOnLoopback } from './testing/loopback-http.js';

/**
 * A small Streamable HTTP MCP server for the hub's tests (not part of the package's API):
 * it records the Authorization header of every HTTP request and offers echo, slow and
 * whoami tools (reads), tools with awkward names, and two writes: `set_note` (not
 * destructive) and `delete_note` (destructive), which record what they were called with.
 */
export interface TestMcpServer {
  readonly url: string;
  readonly port: number;
  /** Authorization header of every HTTP request received (undefined when absent). */
  readonly authorizations: (string | undefined)[];
  /** Tool calls that reached the server, by tool name. */
  readonly calls: string[];
  /** Calls of the write tools: their arguments and the Authorization header they came with. */
  readonly writes: { tool: string; args: Record<string, unknown>; authorization?: string }[];
  /** Slow calls whose handler saw the cancellation. */
  cancelled: number;
  /** What `pick_contact`'s request for input got back, in order. */
  readonly elicitations: ElicitResult[];
  /** Registers another tool on every open session (sends tools/list_changed). */
  addTool(name: string): void;
  close(): Promise<void>;
}

export const LONG_TOOL_NAME =
  'a_tool_with_a_remarkably_long_name_that_goes_past_the_model_api_limit';
export const ODD_TOOL_NAME = 'odd.dotted.name';

/** The form `pick_contact` asks for. */
export const ELICITATION_FORM: ElicitRequestFormParams['requestedSchema'] = {
  type: 'object',
  properties: {
    contact: { type: 'string', title: 'Contact', enum: ['Dana Reyes', 'Dana Ross'] },
    notify: { type: 'boolean', title: 'Tell them' },
    seats: { type: 'integer', minimum: 1, maximum: 500 },
  },
  required: ['contact'],
};

export async function startTestMcpServer(port = 0): Promise<TestMcpServer> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; mcp: McpServer }>();
  const extraTools: string[] = [];

  const register = (mcp: McpServer, name: string): void => {
    mcp.registerTool(
      name,
      {
        description: `The ${name} tool`,
        inputSchema: z.object({}).strict(),
        annotations: { readOnlyHint: true },
      },
      () => {
        state.calls.push(name);
        return { content: [{ type: 'text', text: `${name} ran` }] };
      },
    );
  };

  const newSession = async (): Promise<StreamableHTTPServerTransport> => {
    const mcp = new McpServer(
      { name: 'test', version: '1.0.0' },
      { capabilities: { tools: { listChanged: true } } },
    );
    mcp.registerTool(
      'echo',
      {
        description: 'Echoes the text back',
        annotations: { readOnlyHint: true },
        inputSchema: z
          .object({ text: z.string().max(50), times: z.number().int().min(1).max(3).optional() })
          .strict(),
        outputSchema: z.object({ text: z.string() }),
      },
      ({ text, times }) => {
        state.calls.push('echo');
        const out = text.repeat(times ?? 1);
        return { structuredContent: { text: out }, content: [{ type: 'text', text: out }] };
      },
    );
    mcp.registerTool(
      'big',
      {
        description: 'Returns a large text',
        annotations: { readOnlyHint: true },
        inputSchema: z.object({ chars: z.number().int().min(1).max(1_000_000) }),
      },
      ({ chars }) => ({ content: [{ type: 'text', text: 'x'.repeat(chars) }] }),
    );
    mcp.registerTool(
      'slow',
      {
        description: 'Waits before answering',
        annotations: { readOnlyHint: true },
        inputSchema: z.object({ ms: z.number().int().min(0).max(60_000) }),
      },
      async ({ ms }, extra) => {
        state.calls.push('slow');
        try {
          await sleep(ms, undefined, { signal: extra.signal });
        } catch {
          state.cancelled++;
          return { isError: true, content: [{ type: 'text', text: 'cancelled' }] };
        }
        return { content: [{ type: 'text', text: `waited ${ms} ms` }] };
      },
    );
    mcp.registerTool(
      'whoami',
      {
        description: 'The Authorization header of this request',
        inputSchema: z.object({}),
        annotations: { readOnlyHint: true },
      },
      async (_args, extra) => {
        await sleep(20);
        const header = extra.requestInfo?.headers.authorization;
        return { content: [{ type: 'text', text: typeof header === 'string' ? header : 'none' }] };
      },
    );
    const write =
      (tool: string) =>
      (
        args: Record<string, unknown>,
        extra: { requestInfo?: { headers: Record<string, unknown> } },
      ) => {
        const header = extra.requestInfo?.headers.authorization;
        state.writes.push({
          tool,
          args,
          ...(typeof header === 'string' ? { authorization: header } : {}),
        });
        return {
          structuredContent: { done: tool, ...args },
          content: [{ type: 'text' as const, text: `${tool} done` }],
        };
      };
    mcp.registerTool(
      'set_note',
      {
        description: 'Sets the note of a record',
        inputSchema: z
          .object({ record: z.string().min(1).max(20), note: z.string().max(50) })
          .strict(),
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
      },
      write('set_note'),
    );
    mcp.registerTool(
      'delete_note',
      {
        description: 'Deletes the note of a record',
        inputSchema: z.object({ record: z.string().min(1).max(20) }).strict(),
        annotations: { readOnlyHint: false, destructiveHint: true },
      },
      write('delete_note'),
    );
    mcp.registerTool(
      'pick_contact',
      {
        description: 'Asks the user which contact to use, then answers with the choice',
        inputSchema: z.object({ account: z.string().max(50) }),
        annotations: { readOnlyHint: true },
      },
      async ({ account }, extra) => {
        state.calls.push('pick_contact');
        const answer = await extra.sendRequest(
          {
            method: 'elicitation/create',
            params: {
              mode: 'form',
              message: `Two contacts at ${account} match. Which one?`,
              requestedSchema: ELICITATION_FORM,
            },
          },
          ElicitResultSchema,
        );
        state.elicitations.push(answer);
        const text =
          answer.action === 'accept' ? `picked ${JSON.stringify(answer.content)}` : answer.action;
        return { content: [{ type: 'text', text }] };
      },
    );
    register(mcp, LONG_TOOL_NAME);
    register(mcp, ODD_TOOL_NAME);
    for (const name of extraTools) register(mcp, name);

    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id: string): void => {
        sessions.set(id, { transport, mcp });
      },
    });
    await mcp.connect(transport);
    return transport;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    state.authorizations.push(req.headers.authorization);
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.transport.handleRequest(req, res);
    if (sessionId !== undefined || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    return (await newSession()).handleRequest(req, res);
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  const actualPort = await listenOnLoopback(http, port);

  const state: TestMcpServer = {
    url: `http://127.0.0.1:${actualPort}/mcp`,
    port: actualPort,
    authorizations: [],
    calls: [],
    writes: [],
    cancelled: 0,
    elicitations: [],
    addTool: (name) => {
      extraTools.push(name);
      for (const { mcp } of sessions.values()) register(mcp, name);
    },
    close: () => closeMcpHttpServer(http, sessions),
  };
  return state;
}
