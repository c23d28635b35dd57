import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadPlaybookNotes } from './playbook-notes.js';
import { createPlaybookServer } from './playbook-server.js';

// A stdio MCP server: stdout carries the protocol only; diagnostics go to stderr.
try {
  const server = createPlaybookServer(await loadPlaybookNotes());
  await server.connect(new StdioServerTransport());
  const stop = (): void => {
    void server.close().finally(() => process.exit(0));
  };
  process.stdin.once('end', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`playbook MCP server failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
