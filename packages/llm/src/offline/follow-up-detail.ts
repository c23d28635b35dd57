import type { LlmMessage, LlmToolDefinition, ParsedToolResult } from '@salescoach/domain';
import type { QuestionFacts } from './question-reading.js';

/**
 * Search, then fetch: a question about one record by name ("Tell me about Vantage Labs")
 * first searches (a detail tool needs an id), then, when one hit matches the name, calls
 * the detail tool with that hit's id. Tools are recognised by their schemas: a detail tool
 * has one required `<entity>Id`; its search tool is named after the same entity.
 */

interface Detail {
  readonly tool: LlmToolDefinition;
  readonly idKey: string;
  readonly entity: string;
}

function detailTools(tools: readonly LlmToolDefinition[]): Detail[] {
  return tools.flatMap((tool) => {
    const required = (tool.parameters as { required?: unknown }).required;
    if (!Array.isArray(required) || required.length !== 1) return [];
    const idKey = String(required[0]);
    const entity = /^([a-z]+)Id$/.exec(idKey)?.[1];
    return entity && tool.name.toLowerCase().includes(entity) ? [{ tool, idKey, entity }] : [];
  });
}

function rowsOf(data: unknown): Record<string, unknown>[] {
  const list = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null
      ? (data as { rows?: unknown }).rows
      : undefined;
  return Array.isArray(list)
    ? list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    : [];
}

const isSearchFor = (result: ParsedToolResult, entity: string) =>
  result.ok && searchedEntity(result.tool) === entity;

/** The hit the question names: an exact name first, then one containing the name, else the only hit. */
function namedHit(rows: readonly Record<string, unknown>[], name: string) {
  const wanted = name.toLowerCase();
  const named = rows.filter((r) => typeof r.name === 'string' && typeof r.id === 'string');
  return (
    named.find((r) => (r.name as string).toLowerCase() === wanted) ??
    named.find((r) => (r.name as string).toLowerCase().includes(wanted)) ??
    (named.length === 1 ? named[0] : undefined)
  );
}

/** The detail call to make after a search round, or undefined when there is none to make. */
export function followUpDetail(
  tools: readonly LlmToolDefinition[],
  turn: readonly LlmMessage[],
  results: readonly ParsedToolResult[],
  facts: QuestionFacts,
): { tool: LlmToolDefinition; arguments: Record<string, unknown> } | undefined {
  const name = facts.names[0];
  if (!name) return undefined;
  const called = new Set(
    turn.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.name) : [])),
  );
  for (const detail of detailTools(tools)) {
    if (called.has(detail.tool.name)) continue;
    const search = results.find((r) => isSearchFor(r, detail.entity));
    const hit = search ? namedHit(rowsOf(search.data), name) : undefined;
    if (hit) return { tool: detail.tool, arguments: { [detail.idKey]: hit.id } };
  }
  return undefined;
}

const SEARCH = /^(?:search|find|list)_?/;

/** `search_accounts` → `account`: what a search tool finds. */
function searchedEntity(tool: string): string | undefined {
  return SEARCH.test(tool) ? tool.replace(SEARCH, '').replace(/s$/, '') : undefined;
}

/** Once the detail is in, the search that found it is no longer part of the answer. */
export function withoutSupersededSearches(
  results: readonly ParsedToolResult[],
): ParsedToolResult[] {
  const fetched = results.filter((r) => r.ok && searchedEntity(r.tool) === undefined);
  return results.filter((r) => {
    const entity = searchedEntity(r.tool);
    return !entity || !fetched.some((f) => f.tool.includes(entity));
  });
}
