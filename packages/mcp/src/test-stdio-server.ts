import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

// A stdio MCP server for the hub's tests: `crash` makes the process exit, as a failing server would.
const server = new McpServer({ name: 'test-stdio', version: '1.0.0' });
server.registerTool(
  'ping_pid',
  { description: 'The process id', inputSchema: z.object({}), annotations: { readOnlyHint: true } },
  () => ({
    content: [{ type: 'text', text: String(process.pid) }],
  }),
);
server.registerTool(
  'crash',
  // Changes no data: read-only, so it runs without an approval.
  {
    description: 'Exits the process',
    inputSchema: z.object({}),
    annotations: { readOnlyHint: true },
  },
  () => {
    setTimeout(() => process.exit(3), 10);
    return new Promise(() => undefined);
  },
);
await server.connect(new StdioServerTransport());
