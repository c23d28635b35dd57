import type { LlmMessage, LlmToolDefinition, ParsedToolResult } from '@salescoach/domain';
import { ANSWER_LABEL } from './answer-writer.js';
import type { ChosenTool } from './tool-choice.js';
import { idFieldOf, planWrite, writeToolFor } from './write-choice.js';

/** What the offline model does next for a request to change a deal. */
export type WriteStep =
  | { readonly kind: 'call'; readonly chosen: ChosenTool }
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'answer'; readonly results: readonly ParsedToolResult[] };

/** A property that filters a list by words in names ("nameContains"). */
const NAME_FILTER = /^(?:namecontains|nameincludes|name|names)$/;

interface Lookup {
  readonly tool: LlmToolDefinition;
  readonly nameKey: string;
  readonly openKey?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list tool for the write's entity that filters by name ("list_opportunities"). */
function lookupFor(
  tools: readonly LlmToolDefinition[],
  write: LlmToolDefinition,
): Lookup | undefined {
  const entity = idFieldOf(write)?.replace(/id$/i, '').toLowerCase().replace(/y$/, '');
  if (!entity) return undefined;
  for (const tool of tools) {
    const name = (tool.name.split('__').at(-1) ?? tool.name).toLowerCase();
    if (!/^(?:list|search|find)_/.test(name) || !name.includes(entity)) continue;
    const keys = Object.keys(
      isRecord(tool.parameters.properties) ? tool.parameters.properties : {},
    );
    const nameKey = keys.find((k) => NAME_FILTER.test(k.toLowerCase()));
    const openKey = keys.find((k) => k.toLowerCase() === 'openonly');
    if (nameKey) return { tool, nameKey, ...(openKey ? { openKey } : {}) };
  }
  return undefined;
}

const rowsOf = (data: unknown): Record<string, unknown>[] => {
  const rows = isRecord(data) ? data.rows : undefined;
  return Array.isArray(rows) ? rows.filter(isRecord).filter((r) => typeof r.id === 'string') : [];
};

const describe = (row: Record<string, unknown>): string => {
  const facts = [
    typeof row.stage === 'string' ? row.stage : undefined,
    typeof row.amount === 'number' ? `$${row.amount.toLocaleString('en-US')}` : undefined,
    typeof row.closeDate === 'string' ? `closes ${row.closeDate}` : undefined,
  ].filter(Boolean);
  return `- ${String(row.id)} — ${typeof row.name === 'string' ? row.name : ''}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
};

/**
 * A request to change a deal, step by step: a deal named by name is looked up first (the list
 * tool of the write's entity, filtered by the name), so the change names the one deal by its
 * id — and whoever approves it sees exactly which deal. Several matches: the answer lists them
 * and asks which one; none: it says so. No lookup tool, or an id in the request: the write
 * names the deal as asked. Undefined when the question is no such request.
 */
export function nextWriteStep(
  tools: readonly LlmToolDefinition[],
  question: string,
  now: Date,
  turn: readonly LlmMessage[],
  results: readonly ParsedToolResult[],
): WriteStep | undefined {
  const plan = planWrite(question, now);
  if (!plan) return undefined;
  const { target, targetId } = plan.request;
  const asked = targetId === undefined ? { target: target ?? '' } : { targetId };
  const write = writeToolFor(tools, plan, asked);
  if (!write) return undefined;
  const called = new Set(
    turn.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.name) : [])),
  );
  const lookup = targetId === undefined ? lookupFor(tools, write.tool) : undefined;
  const isLookup = (r: ParsedToolResult) => `${r.server}__${r.tool}` === lookup?.tool.name;
  const byIdTool = writeToolFor(tools, plan, { targetId: 'any' })?.tool.name;
  if (called.has(write.tool.name) || (byIdTool !== undefined && called.has(byIdTool))) {
    const shown = results.filter((r) => !isLookup(r));
    const waiting = waitingChange(turn, shown);
    return waiting ? { kind: 'say', text: waiting } : { kind: 'answer', results: shown };
  }
  if (!lookup || target === undefined)
    return results.length === 0 ? { kind: 'call', chosen: write } : undefined;
  if (!called.has(lookup.tool.name)) {
    if (results.length > 0) return undefined;
    const values = {
      [lookup.nameKey]: target,
      ...(lookup.openKey ? { [lookup.openKey]: true } : {}),
    };
    return { kind: 'call', chosen: { tool: lookup.tool, arguments: { values, missing: [] } } };
  }
  const found = results.find((r) => r.ok && isLookup(r));
  if (!found) return undefined;
  const rows = rowsOf(found.data);
  const [only] = rows;
  if (rows.length === 1 && only) {
    const byId = writeToolFor(tools, plan, { targetId: String(only.id) });
    return byId ? { kind: 'call', chosen: byId } : undefined;
  }
  if (rows.length === 0)
    return {
      kind: 'say',
      text: `${ANSWER_LABEL}\n\nNone of your open deals matches "${target}", so nothing was changed. Check the name, or give the deal's id.\n`,
    };
  const example = question.replace(target, String(rows[0]?.id));
  return {
    kind: 'say',
    text: `${ANSWER_LABEL}\n\n"${target}" matches ${rows.length} of your open deals, so nothing was changed yet:\n\n${rows.map(describe).join('\n')}\n\nSay which one by its id, for example: "${example}".\n`,
  };
}

const humanize = (name: string): string =>
  (name.split('__').at(-1) ?? name).replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());

/**
 * The change was asked for and waits for an approval (the engine says for whom): the answer
 * says what was asked, exactly, and that nothing has changed yet.
 */
function waitingChange(
  turn: readonly LlmMessage[],
  results: readonly ParsedToolResult[],
): string | undefined {
  const waiting = results.find(
    (r) => r.ok && isRecord(r.data) && r.data.status === 'awaiting_approval',
  );
  if (!waiting) return undefined;
  const name = `${waiting.server}__${waiting.tool}`;
  const call = turn
    .flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []) : []))
    .find((c) => c.name === name);
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(call?.arguments ?? '{}');
    if (isRecord(parsed)) args = parsed;
  } catch {
    // Arguments the engine could not read never reached an approval.
  }
  const shown = Object.entries(args)
    .filter(([key]) => key !== 'idempotencyKey')
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return `${ANSWER_LABEL}\n\nI asked for this change: **${humanize(waiting.tool)}** (${shown}). Nothing changes until it is approved.\n`;
}
