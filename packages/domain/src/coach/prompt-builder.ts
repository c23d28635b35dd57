import { connectServerMessage } from '../ports/mcp-connections.port.js';
import type { ServerDescriptor } from '../ports/tool-hub.port.js';

export interface PromptContext {
  readonly today: Date;
  readonly userName: string;
  readonly role: string;
  /** The servers the conversation's role may use (already role-filtered by the hub). */
  readonly servers: readonly ServerDescriptor[];
  /** The role's `oauth` servers this user has not connected: named, so the coach can say so. */
  readonly unconnected?: readonly ServerDescriptor[];
}

const PLACEHOLDER = /\{\{(TODAY_DATE|USER_NAME|USER_ROLE|MCP_SERVERS)\}\}/g;

/** One line, no control characters, bounded: values end up inside the system prompt. */
function inline(value: string, max: number): string {
  const cleaned = value
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\{\{|\}\}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, max);
}

/** YYYY-MM-DD of the instant, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const line = (s: ServerDescriptor): string =>
  `- **${inline(s.name, 100)}**: ${inline(s.description, 500) || 'no description'}`;

const NOT_CONNECTED = /^- \*\*([A-Za-z0-9_-]{1,32})\*\* \(not connected\):/gm;

/** The servers a system prompt built here names "not connected" (for the offline model). */
export const unconnectedServersIn = (systemPrompt: string): string[] =>
  [...systemPrompt.matchAll(NOT_CONNECTED)].map((m) => m[1]!);

/**
 * The role's servers, one bullet each; then the `oauth` ones this user has not connected,
 * marked "not connected" with what to tell the user (the exact `connectServerMessage`).
 */
export function describeServers(
  servers: readonly ServerDescriptor[],
  unconnected: readonly ServerDescriptor[] = [],
): string {
  if (servers.length === 0 && unconnected.length === 0) return 'none';
  const notConnected = unconnected.map((s) => {
    const name = inline(s.name, 100);
    return `- **${name}** (not connected): ${inline(s.description, 500) || 'no description'}. Its tools are not available until the user connects it; when a question needs it, say "${connectServerMessage(name)}".`;
  });
  return [...servers.map(line), ...notConnected].join('\n');
}

/**
 * Fills the coach's system prompt template: {{TODAY_DATE}} (YYYY-MM-DD, UTC), {{USER_NAME}},
 * {{USER_ROLE}} and {{MCP_SERVERS}} (a bullet list of the role's servers with their
 * descriptions, or "none"). One pass, so a value that looks like a placeholder stays text;
 * unknown placeholders are left as they are.
 */
export function buildSystemPrompt(template: string, context: PromptContext): string {
  const values: Readonly<Record<string, string>> = {
    TODAY_DATE: isoDay(context.today),
    USER_NAME: inline(context.userName, 200) || 'the user',
    USER_ROLE: inline(context.role, 64),
    MCP_SERVERS: describeServers(context.servers, context.unconnected),
  };
  return template.replace(PLACEHOLDER, (match, name: string) => values[name] ?? match);
}
