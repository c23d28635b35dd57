import type { LlmToolDefinition } from '@salescoach/domain';
import type { ChosenTool } from './tool-choice.js';
import { readWriteRequest, type WriteRequest } from './write-request.js';

/** A write tool names a change verb and what it changes ("update_stage", "log_activity"). */
const WRITE_VERB = /\b(?:log|record|update|set|change|move|request|add|create)\b/;
const ACTION_NOUN: Record<WriteRequest['action'], RegExp> = {
  log: /\bactivit(?:y|ies)\b/,
  stage: /\bstage\b/,
  next_step: /\bnext step\b/,
  close_date: /\bclose date\b/,
  amount: /\bamount\b/,
  discount: /\bdiscount\b/,
};

/** Which request slot fills a property, by the property's name. Names never go in an id field. */
const SLOTS: readonly [RegExp, string][] = [
  [/^(?:opportunity|deal|opportunityname|dealname|account|accountname)$/, 'target'],
  [/^(?:opportunityid|dealid)$/, 'targetId'],
  [/^(?:kind|type|activitytype)$/, 'kind'],
  [/^(?:summary|notes?|description|subject|details)$/, 'summary'],
  [/^stage$/, 'stage'],
  [/^nextstep$/, 'nextStep'],
  [/^nextstepdate$/, 'nextStepDate'],
  [/^closedate$/, 'closeDate'],
  [/^amount$/, 'amount'],
  [/^(?:percent|percentage|discountpercent)$/, 'percent'],
  [/^(?:reason|justification)$/, 'reason'],
];

interface PropertySchema {
  readonly enum?: readonly unknown[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const words = (toolName: string): string =>
  (toolName.split('__').at(-1) ?? toolName).toLowerCase().replaceAll('_', ' ');

/** The request's arguments for one tool's schema, or undefined when a required one is missing. */
function argumentsFor(
  tool: LlmToolDefinition,
  slots: Readonly<Record<string, string | number>>,
): Record<string, unknown> | undefined {
  const schema = tool.parameters;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const slot = SLOTS.find(([pattern]) => pattern.test(name.toLowerCase().replaceAll('_', '')));
    const value = slot === undefined ? undefined : slots[slot[1]];
    if (value === undefined) continue;
    const allowed = isRecord(raw) ? (raw as PropertySchema).enum : undefined;
    if (allowed && !allowed.includes(value)) continue;
    values[name] = value;
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (required.some((r) => typeof r === 'string' && !(r in values))) return undefined;
  // The deal must be named somewhere, or the tool could only guess which one.
  const deal = slots.targetId ?? slots.target;
  if (!Object.values(values).includes(deal)) return undefined;
  return values;
}

/** A request to change a deal and the slots its arguments are filled from. */
export interface WritePlan {
  readonly request: WriteRequest;
  readonly slots: Readonly<Record<string, string | number>>;
}

/** The change a plain request asks for ("Move the Falcon Health deal to Negotiation"), if any. */
export function planWrite(question: string, now: Date): WritePlan | undefined {
  const request = readWriteRequest(question, now);
  const deal = request?.targetId ?? request?.target;
  if (!request || deal === undefined) return undefined;
  return {
    request,
    slots: {
      // "Log a call with Quarry Robotics" says no more than that: the summary says as much.
      ...(request.action === 'log'
        ? {
            summary: `${String(request.values.kind).replace(/^\w/, (c) => c.toUpperCase())} with ${deal}`,
          }
        : {}),
      ...request.values,
    },
  };
}

/**
 * The one write tool that makes the planned change, with its arguments, for the deal named by
 * name (`target`) or by id (`targetId`). Undefined when no offered tool can take it.
 */
export function writeToolFor(
  tools: readonly LlmToolDefinition[],
  plan: WritePlan,
  deal: { readonly target: string } | { readonly targetId: string },
): ChosenTool | undefined {
  const slots = { ...plan.slots, ...deal };
  for (const tool of tools) {
    const name = words(tool.name);
    if (!WRITE_VERB.test(name) || !ACTION_NOUN[plan.request.action].test(name)) continue;
    const values = argumentsFor(tool, slots);
    if (values) return { tool, arguments: { values, missing: [] } };
  }
  return undefined;
}

/** The deal's id field of a write tool ("opportunityId"), whose entity a lookup must list. */
export function idFieldOf(tool: LlmToolDefinition): string | undefined {
  const properties = isRecord(tool.parameters.properties) ? tool.parameters.properties : {};
  return Object.keys(properties).find((name) => SLOTS[1]![0].test(name.toLowerCase()));
}
