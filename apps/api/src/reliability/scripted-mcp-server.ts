import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface ScriptedTool {
  readonly name: string;
  readonly description: string;
  /** The text the tool answers with, whatever it is asked (e.g. a record an outsider wrote). */
  readonly reply: string;
  /** Default `{ readOnlyHint: true }`: a read, which runs without an approval. */
  readonly annotations?: { readonly readOnlyHint?: boolean; readonly destructiveHint?: boolean };
}

export interface ScriptedMcpServer {
  /** The Streamable HTTP endpoint (`/mcp`). */
  readonly url: string;
  /** Calls that reached the server: tool name and arguments. */
  readonly calls: { tool: string; args: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * A real Streamable HTTP MCP server whose tools answer fixed text and record every call
 * that reaches them: a stand-in for a third-party data source in security tests.
 */
export async function startScriptedMcpServer(
  tools: readonly ScriptedTool[],
): Promise<ScriptedMcpServer> {
  const calls: ScriptedMcpServer['calls'] = [];
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; mcp: McpServer }>();

  const newSession = async (): Promise<StreamableHTTPServerTransport> => {
    const mcp = new McpServer(
      { name: 'scripted', version: '1.0.0' },
      { capabilities: { tools: {} } },
    );
    for (const tool of tools) {
      mcp.registerTool(
        tool.name,
        {
          description: tool.description,
          inputSchema: z.object({}).catchall(z.unknown()),
          annotations: tool.annotations ?? { readOnlyHint: true },
        },
        (args) => {
          calls.push({ tool: tool.name, args: args });
          return { content: [{ type: 'text', text: tool.reply }] };
        },
      );
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, mcp }),
    });
    await mcp.connect(transport);
    return transport;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.transport.handleRequest(req, res);
    if (sessionId !== undefined || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    return (await newSession()).handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    close: async () => {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(open.map((s) => s.mcp.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
