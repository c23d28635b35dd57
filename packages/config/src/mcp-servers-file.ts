import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonSettingsFile } from './json-settings-file.js';

const serverName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,32}$/, 'letters, digits, _ and - only, at most 32 characters');

const authSchema = z.union([
  z.literal('none'),
  z.literal('user-token'),
  z
    .object({ bearerEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') })
    .strict(),
]);

const common = {
  name: serverName,
  description: z.string().min(1).max(1_000),
  roles: z.array(z.string().min(1)).min(1),
  auth: authSchema.default('none'),
  timeoutMs: z.number().int().positive().max(300_000).default(15_000),
};

export const mcpServerSchema = z.discriminatedUnion('transport', [
  z.object({ ...common, transport: z.literal('streamable-http'), url: z.url() }).strict(),
  z
    .object({
      ...common,
      transport: z.literal('stdio'),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z.record(z.string(), z.string()).default({}),
      cwd: z.string().optional(),
    })
    .strict(),
]);

export const mcpServersFileSchema = z
  .object({ servers: z.array(mcpServerSchema) })
  .strict()
  .refine(
    (f) => new Set(f.servers.map((s) => s.name)).size === f.servers.length,
    'server names must be unique',
  );

export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type McpServersFile = z.infer<typeof mcpServersFileSchema>;

/** Parses the servers file text; throws an Error naming every problem. */
export function parseMcpServersFile(text: string, source = 'mcpservers.json'): McpServersFile {
  return parseJsonSettingsFile(mcpServersFileSchema, text, source, 'MCP servers file');
}

export async function readMcpServersFile(path: string): Promise<McpServersFile> {
  return parseMcpServersFile(await readFile(path, 'utf8'), path);
}

/** Secrets named by `auth.bearerEnv` are resolved here, so no other package reads the environment. */
export function resolveBearerSecret(envName: string): string | undefined {
  return process.env[envName];
}
