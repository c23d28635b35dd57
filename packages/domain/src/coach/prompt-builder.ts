import type { ServerDescriptor } from '../ports/tool-hub.port.js';

export interface PromptContext {
  readonly today: Date;
  readonly userName: string;
  readonly role: string;
  /** The servers the conversation's role may use (already role-filtered by the hub). */
  readonly servers: readonly ServerDescriptor[];
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

export function describeServers(servers: readonly ServerDescriptor[]): string {
  if (servers.length === 0) return 'none';
  return servers
    .map((s) => `- **${inline(s.name, 100)}**: ${inline(s.description, 500) || 'no description'}`)
    .join('\n');
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
    MCP_SERVERS: describeServers(context.servers),
  };
  return template.replace(PLACEHOLDER, (match, name: string) => values[name] ?? match);
}
