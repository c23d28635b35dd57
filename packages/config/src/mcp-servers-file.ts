import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonSettingsFile } from './json-settings-file.js';

const serverName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,32}$/, 'letters, digits, _ and - only, at most 32 characters');

/** Said at start-up to anyone whose servers file still has the removed passthrough mode. */
export const USER_TOKEN_REMOVED =
  'auth "user-token" was removed: the API no longer forwards its own access token to MCP servers ' +
  '(the MCP authorization spec forbids token passthrough). Use "obo" instead: the API exchanges the ' +
  "signed-in user's token for one issued for this server (see docs/mcp.md)";

const oboSchema = z
  .object({
    /** The scope asked for (Entra: e.g. `api://crm-app-id/access_as_user`). */
    scope: z.string().trim().min(1).optional(),
    /** The resource (audience) the token is for; default the server's `url`. */
    resource: z.url().optional(),
  })
  .strict();

const oauthSchema = z
  .object({
    /** The scope asked for; default the server's advertised `scopes_supported`. */
    scope: z.string().trim().min(1).optional(),
    /** A client registered by hand; absent: dynamic client registration. */
    clientId: z.string().trim().min(1).max(500).optional(),
    /** The environment variable holding that client's secret (confidential clients). */
    clientSecretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .optional(),
  })
  .strict()
  .refine((o) => o.clientSecretEnv === undefined || o.clientId !== undefined, {
    message: 'clientSecretEnv needs clientId',
  });

const authSchema = z.union([
  z.literal('none'),
  z.literal('obo'),
  z.object({ obo: oboSchema }).strict(),
  z.literal('oauth'),
  z.object({ oauth: oauthSchema }).strict(),
  z
    .object({ bearerEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') })
    .strict(),
]);

/** Refuses the removed `user-token` with a message naming its replacement. */
const authField = z.preprocess((value, ctx) => {
  if (value === 'user-token') {
    ctx.addIssue({ code: 'custom', message: USER_TOKEN_REMOVED });
    return z.NEVER;
  }
  return value;
}, authSchema.default('none'));

/**
 * Who must agree before a tool runs: `none`, `self` (the asker) or `{ "role": "Manager" }`.
 * The same shape as the domain's ApprovalPolicy; when a tool has no entry, its annotations decide.
 */
export const approvalSettingSchema = z.union([
  z.literal('none'),
  z.literal('self'),
  z.object({ role: z.string().trim().min(1).max(64) }).strict(),
]);
export type ApprovalSetting = z.infer<typeof approvalSettingSchema>;

const toolName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'a tool name as the server lists it (letters, digits, _ . -)');

/** Per tool of the server: `{ "update_stage": { "approval": { "role": "Manager" } } }`. */
const toolsSchema = z
  .record(toolName, z.object({ approval: approvalSettingSchema }).strict())
  .optional();

const common = {
  name: serverName,
  description: z.string().min(1).max(1_000),
  roles: z.array(z.string().min(1)).min(1),
  auth: authField,
  timeoutMs: z.number().int().positive().max(300_000).default(15_000),
  tools: toolsSchema,
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
  )
  .superRefine((f, ctx) => {
    f.servers.forEach((server, index) => {
      if (server.transport === 'stdio' && oboTargetOf(server) !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'auth'],
          message: 'obo needs a streamable-http server: a stdio server has no request headers',
        });
      if (server.transport === 'stdio' && oauthSettingsOf(server) !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'auth'],
          message: 'oauth needs a streamable-http server: a stdio server has no request headers',
        });
    });
  });

export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type McpServerAuth = McpServerConfig['auth'];

/** What an `obo` server's tokens are for: its resource (audience) and the scope to ask for. */
export interface DelegationTarget {
  readonly resource: string;
  readonly scope?: string;
}

/** The delegation target of a server whose `auth` is `obo`, else `undefined`. */
export function oboTargetOf(config: McpServerConfig): DelegationTarget | undefined {
  const { auth } = config;
  if (auth !== 'obo' && (typeof auth !== 'object' || !('obo' in auth))) return undefined;
  const options = auth === 'obo' ? {} : auth.obo;
  const resource = options.resource ?? (config.transport === 'streamable-http' ? config.url : '');
  return { resource, ...(options.scope === undefined ? {} : { scope: options.scope }) };
}
/** How the API is a client of an `oauth` server's authorization server. */
export type OAuthSettings = z.infer<typeof oauthSchema>;

/** The OAuth settings of a server whose `auth` is `oauth`, else `undefined`. */
export function oauthSettingsOf(config: McpServerConfig): OAuthSettings | undefined {
  const { auth } = config;
  if (auth === 'oauth') return {};
  return typeof auth === 'object' && 'oauth' in auth ? auth.oauth : undefined;
}
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
