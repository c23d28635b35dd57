import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PlaybookNote } from './playbook-notes.js';
import { PlaybookIndex } from './playbook-search.js';

export const PLAYBOOK_SERVER_INFO = { name: 'salescoach-playbook', version: '1.0.0' } as const;

export const playbookOutputs = {
  search: z.object({
    query: z.string(),
    results: z.array(
      z.object({ id: z.string(), title: z.string(), score: z.number(), excerpt: z.string() }),
    ),
  }),
  note: z.object({ id: z.string(), title: z.string(), content: z.string() }),
};

/** An MCP server with search over the sales playbook notes. */
export function createPlaybookServer(notes: readonly PlaybookNote[]): McpServer {
  const index = new PlaybookIndex(notes);
  const byId = new Map(notes.map((n) => [n.id, n]));
  const server = new McpServer(PLAYBOOK_SERVER_INFO, {
    instructions:
      'Sales method notes: discovery, MEDDICC, objections (incl. price), negotiation, close plans, pipeline hygiene, coaching.',
  });

  server.registerTool(
    'search_playbook',
    {
      title: 'Search the sales playbook',
      description:
        'Finds the playbook notes that best match a question (e.g. "price objection", "MEDDICC champion"), with excerpts.',
      inputSchema: z.object({
        query: z
          .string()
          .trim()
          .min(2)
          .max(300)
          .describe('What you are looking for, in plain words'),
        limit: z.number().int().min(1).max(10).default(3),
      }),
      outputSchema: playbookOutputs.search,
      annotations: { readOnlyHint: true },
    },
    ({ query, limit }) => {
      const results = index.search(query, limit);
      const text =
        results.length === 0
          ? `No playbook note matches "${query}". Notes: ${notes.map((n) => n.id).join(', ')}.`
          : results.map((r) => `- ${r.title} (${r.id}): ${r.excerpt}`).join('\n');
      return { structuredContent: { query, results }, content: [{ type: 'text', text }] };
    },
  );

  server.registerTool(
    'get_playbook_note',
    {
      title: 'Read a playbook note',
      description: 'The full text of one playbook note, by id (ids come from search_playbook).',
      inputSchema: z.object({ id: z.string().min(1).max(100) }),
      outputSchema: playbookOutputs.note,
      annotations: { readOnlyHint: true },
    },
    ({ id }) => {
      const note = byId.get(id.trim().toLowerCase());
      if (!note) {
        return {
          isError: true,
          content: [
            {
              type: 'text',
              text: `No playbook note "${id}". Known ids: ${[...byId.keys()].join(', ')}.`,
            },
          ],
        };
      }
      return { structuredContent: { ...note }, content: [{ type: 'text', text: note.content }] };
    },
  );
  return server;
}
