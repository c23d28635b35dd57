import type { Message, TableData } from '@salescoach/domain';
import type { ConversationSource } from './conversation-source.js';

/** The most messages an export reads (50 pages of 200). */
export const EXPORT_MAX_MESSAGES = 10_000;
const PAGE = 200;

export interface ExportedConversation {
  readonly title: string;
  readonly kind: Message['conversationKind'];
  readonly id: string;
  readonly exportedAt: string;
  readonly messages: readonly Message[];
  /** True when the conversation had more than EXPORT_MAX_MESSAGES (the oldest are left out). */
  readonly truncated: boolean;
}

/** Reads the whole conversation, newest page first, then older pages; reports progress. */
export async function readWholeConversation(
  source: ConversationSource,
  onProgress?: (count: number) => void,
): Promise<{ messages: Message[]; truncated: boolean }> {
  let page = await source.list({ limit: PAGE });
  const pages = [page.messages];
  let count = page.messages.length;
  onProgress?.(count);
  while (page.hasMore && count < EXPORT_MAX_MESSAGES && page.messages[0]) {
    page = await source.list({ before: page.messages[0].seq, limit: PAGE });
    pages.unshift(page.messages);
    count += page.messages.length;
    onProgress?.(count);
  }
  return { messages: pages.flat(), truncated: page.hasMore };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function tableMarkdown(table: TableData): string {
  const head = `| ${table.columns.map(cell).join(' | ')} |`;
  const rule = `| ${table.columns.map((_, i) => (table.numericColumns.includes(i) ? '---:' : '---')).join(' | ')} |`;
  const rows = table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [...(table.title ? [`**${table.title}**`, ''] : []), head, rule, ...rows].join('\n');
}

function authorOf(message: Message, ownUserId: string): string {
  if (message.author.kind === 'assistant') return message.author.name || 'Coach';
  return message.author.userId === ownUserId ? `${message.author.name} (you)` : message.author.name;
}

const hasTable = (text: string) => /^\s*\|.*\|\s*$/m.test(text);

/** The conversation as a Markdown document: a heading per message, tables kept as tables. */
export function toMarkdown(exported: ExportedConversation, ownUserId: string): string {
  const lines = [`# ${exported.title}`, '', `_Exported from SalesCoach on ${exported.exportedAt}_`];
  if (exported.truncated)
    lines.push('', `_Only the latest ${exported.messages.length} messages are included._`);
  for (const m of exported.messages) {
    const notes = [
      m.model?.provider === 'offline' ? 'offline model' : null,
      m.status === 'interrupted' ? 'stopped' : null,
      m.status === 'failed' ? 'failed' : null,
    ].filter(Boolean);
    lines.push(
      '',
      `### ${authorOf(m, ownUserId)} · ${m.createdAt}${notes.length ? ` (${notes.join(', ')})` : ''}`,
      '',
      m.content || (m.status === 'failed' ? (m.error ?? 'The coach could not answer.') : ''),
    );
    if (!hasTable(m.content))
      for (const table of m.attachments.tables) lines.push('', tableMarkdown(table));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The conversation as JSON: every stored field of every message, tool calls without arguments. */
export function toJson(exported: ExportedConversation): string {
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** A file name from a title: lower-case words joined by dashes. */
export function exportFileName(title: string, extension: 'md' | 'json'): string {
  const base = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'conversation'}.${extension}`;
}
