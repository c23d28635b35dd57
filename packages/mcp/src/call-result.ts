import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const DEFAULT_MAX_RESULT_CHARS = 20_000;

export interface CappedResult {
  readonly text: string;
  readonly structuredContent?: unknown;
  readonly truncated: boolean;
}

function contentText(item: CallToolResult['content'][number]): string {
  switch (item.type) {
    case 'text':
      return item.text;
    case 'resource_link':
      return `[resource ${item.name}: ${item.uri}]`;
    case 'resource':
      return 'text' in item.resource ? item.resource.text : `[resource ${item.resource.uri}]`;
    default:
      return `[${item.type} content omitted]`;
  }
}

/**
 * Joins a tool result's content into text and caps its size. Structured content larger
 * than the cap is dropped (a partial JSON object is worse than none) and marked truncated.
 */
export function capResult(result: CallToolResult, maxChars: number): CappedResult {
  const full = (result.content ?? []).map(contentText).join('\n');
  let truncated = false;
  let text = full;
  if (text.length > maxChars) {
    text = `${full.slice(0, maxChars)}\n[truncated: ${full.length - maxChars} more characters]`;
    truncated = true;
  }
  let structuredContent: unknown = result.structuredContent;
  if (structuredContent !== undefined && JSON.stringify(structuredContent).length > maxChars) {
    structuredContent = undefined;
    truncated = true;
  }
  return structuredContent === undefined
    ? { text, truncated }
    : { text, structuredContent, truncated };
}
