import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpServerConfig } from '@salescoach/config';

/** Writes an mcpservers.json under `dir` and gives back its path (for MCP_SERVERS_FILE). */
export async function writeServersFile(
  dir: string,
  servers: readonly McpServerConfig[],
): Promise<string> {
  const path = join(dir, `mcpservers-${crypto.randomUUID()}.json`);
  await writeFile(path, JSON.stringify({ servers }));
  return path;
}

/** The CRM as the API lists it: Sales and Manager, on behalf of the user (obo). */
export const crmServer = (url: string, timeoutMs = 10_000): McpServerConfig => ({
  name: 'crm',
  description: 'Sales CRM: accounts, opportunities, pipeline, forecast',
  transport: 'streamable-http',
  url,
  roles: ['Sales', 'Manager'],
  auth: 'obo',
  timeoutMs,
});

/** A payroll server offered to HR only (no delegation): a tool of another role for Sales users. */
export const payrollServer = (url: string): McpServerConfig => ({
  name: 'payroll',
  description: 'Payroll',
  transport: 'streamable-http',
  url,
  roles: ['HR'],
  auth: 'none',
  timeoutMs: 5_000,
});
