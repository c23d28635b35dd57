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
 * Fits structured content into `maxChars` of JSON: when an object has array fields (rows),
 * the longest array is cut to as many leading items as fit. `undefined` when nothing fits.
 */
function shrinkStructured(value: unknown, maxChars: number): unknown {
  const size = (v: unknown): number => JSON.stringify(v)?.length ?? 0;
  if (size(value) <= maxChars) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const arrays = Object.entries(record).filter((e): e is [string, unknown[]] =>
    Array.isArray(e[1]),
  );
  const longest = arrays.sort((a, b) => size(b[1]) - size(a[1]))[0];
  if (!longest) return undefined;
  const [key, items] = longest;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size({ ...record, [key]: items.slice(0, mid) }) <= maxChars) low = mid;
    else high = mid - 1;
  }
  const shrunk = { ...record, [key]: items.slice(0, low) };
  return size(shrunk) <= maxChars ? shrunk : undefined;
}

/**
 * Joins a tool result's content into text and caps its size. Structured content larger
 * than the cap keeps the leading rows of its longest array that fit (or is dropped when
 * even that does not fit); either way the result is marked truncated.
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
  if (structuredContent !== undefined) {
    const fitted = shrinkStructured(structuredContent, maxChars);
    if (fitted !== structuredContent) truncated = true;
    structuredContent = fitted;
  }
  return structuredContent === undefined
    ? { text, truncated }
    : { text, structuredContent, truncated };
}
