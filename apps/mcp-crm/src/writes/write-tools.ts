import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type {
  CallToolResult,
  RequestId,
  ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { AccessDenied, type Viewer } from '../auth/caller-scope.js';
import { callerOf } from '../auth/crm-token-verifier.js';
import type { CrmQueries } from '../crm-queries.js';
import type { CrmStore } from '../store/crm-store.js';
import { CrmWrites } from './crm-writes.js';
import { resolveOpportunity } from './opportunity-resolution.js';
import { NoChange, pickOpportunity } from './pick-opportunity.js';
import {
  type OpportunityRef,
  writeInputs,
  writeOutputs,
  type WriteOutputs,
} from './write-schemas.js';

interface ToolExtra {
  signal: AbortSignal;
  requestId: RequestId;
  authInfo?: AuthInfo;
}

type Key = keyof typeof writeInputs;
type Args<K extends Key> = z.infer<(typeof writeInputs)[K]>;

interface WriteTool<K extends Key> {
  readonly key: K;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Changes what the deal commits to (stage, amount, close date, price): `destructiveHint`. */
  readonly commits: boolean;
  /** A repeat with the same arguments changes nothing more, even without a key. */
  readonly settles: boolean;
  readonly apply: (writes: CrmWrites, id: string, args: Args<K>, viewer: Viewer) => WriteOutputs[K];
  readonly describe: (result: WriteOutputs[K]) => string;
}

const updated = (r: WriteOutputs['updateStage']): string =>
  r.changed
    ? `${r.opportunity.id} ${r.opportunity.name}: ${r.changes.map((c) => `${c.field} ${String(c.previous)} → ${String(c.current)}`).join(', ')}.`
    : `${r.opportunity.id} ${r.opportunity.name} already had that value; nothing changed.`;

const KEY_HELP =
  ' Pass idempotencyKey so that a retry changes nothing and returns the first result.';

const TOOLS: { [K in Key]: WriteTool<K> } = {
  logActivity: {
    key: 'logActivity',
    name: 'log_activity',
    title: 'Log an activity',
    description: `Record a call, meeting, e-mail or note on one of your opportunities (by id, or by words from its name or account).${KEY_HELP}`,
    commits: false,
    settles: false,
    apply: (w, id, a, viewer) => w.logActivity(id, a, viewer),
    describe: (r) =>
      `Logged ${r.activity.kind} ${r.activity.id} on ${r.opportunity.id} ${r.opportunity.name} (${r.activity.occurredAt}).`,
  },
  updateNextStep: {
    key: 'updateNextStep',
    name: 'update_next_step',
    title: 'Update next step',
    description: `Set an opportunity's next step and its date (today or later).${KEY_HELP}`,
    commits: false,
    settles: true,
    apply: (w, id, a) => w.updateNextStep(id, a),
    describe: updated,
  },
  updateCloseDate: {
    key: 'updateCloseDate',
    name: 'update_close_date',
    title: 'Update close date',
    description: `Move an open opportunity's expected close date (today or later); moving it out counts as a push.${KEY_HELP}`,
    commits: true,
    settles: true,
    apply: (w, id, a) => w.updateCloseDate(id, a),
    describe: updated,
  },
  updateStage: {
    key: 'updateStage',
    name: 'update_stage',
    title: 'Update stage',
    description: `Move an opportunity to another stage (Prospecting, Qualification, Proposal, Negotiation, Closed Won, Closed Lost).${KEY_HELP}`,
    commits: true,
    settles: true,
    apply: (w, id, a) => w.updateStage(id, a),
    describe: updated,
  },
  updateAmount: {
    key: 'updateAmount',
    name: 'update_amount',
    title: 'Update amount',
    description: `Change an open opportunity's amount (USD, more than 0).${KEY_HELP}`,
    commits: true,
    settles: true,
    apply: (w, id, a) => w.updateAmount(id, a),
    describe: updated,
  },
  requestDiscount: {
    key: 'requestDiscount',
    name: 'request_discount',
    title: 'Request a discount',
    description: `Ask for a discount on an open opportunity: a percent (more than 0, at most 50) and the reason. The request is recorded for the deal desk; the amount stays until it is granted.${KEY_HELP}`,
    commits: true,
    settles: false,
    apply: (w, id, a, viewer) => w.requestDiscount(id, a, viewer),
    describe: (r) =>
      `Requested ${r.discountRequest.percent}% off ${r.opportunity.id} ${r.opportunity.name} (${r.discountRequest.id}): $${r.discountRequest.listAmount} → $${r.discountRequest.discountedAmount}.`,
  },
};

/** The arguments that make a request: the same key with other arguments is refused. */
function fingerprint(args: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = args;
  return JSON.stringify(
    Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))),
  );
}

/** A refusal says why and that nothing changed; like the reads' errors, it ends without a period. */
const failure = (error: unknown): CallToolResult => {
  const message = (error as Error).message.replace(/\.$/, '');
  const text =
    error instanceof NoChange
      ? `No change made: ${message}`
      : `${error instanceof AccessDenied ? 'Not allowed' : 'Invalid request'}: ${message}. No change made`;
  return { isError: true, content: [{ type: 'text', text }] };
};

const success = (structured: Record<string, unknown>, text: string): CallToolResult => ({
  structuredContent: structured,
  content: [{ type: 'text', text }],
});

/**
 * Registers the write tools. Each runs as the verified caller and changes only a deal the
 * caller may change; a name that matches several deals is settled by asking the person
 * (elicitation); an idempotency key makes a repeat a no-op that returns the first result.
 */
export function registerWriteTools(mcp: McpServer, store: CrmStore, queries: CrmQueries): void {
  const writes = new CrmWrites(store);

  const run = async <K extends Key>(
    tool: WriteTool<K>,
    args: Args<K>,
    extra: ToolExtra,
  ): Promise<CallToolResult> => {
    try {
      const viewer = queries.viewer(callerOf(extra.authInfo));
      const caller = viewer.rep.id;
      const key = args.idempotencyKey;
      const request = fingerprint(args);
      const replay = (): WriteOutputs[K] | undefined => {
        if (key === undefined) return undefined;
        const earlier = store.findIdempotent(caller, key);
        if (!earlier) return undefined;
        if (earlier.tool !== tool.name || earlier.request !== request)
          throw new Error(`idempotencyKey "${key}" was already used for a different change`);
        return earlier.result as WriteOutputs[K];
      };
      const earlier = replay();
      if (earlier)
        return success(earlier, `${tool.describe(earlier)} (a repeat: nothing changed again)`);

      const ref: OpportunityRef = args;
      const found = resolveOpportunity(store.dataset(), ref, viewer);
      const id =
        found.kind === 'one'
          ? found.opportunity.id
          : await pickOpportunity(mcp.server, ref.opportunity ?? '', found.matches, extra);

      const result = store.transaction(() => {
        const raced = replay();
        if (raced) return raced;
        const done = tool.apply(writes, id, args, viewer);
        if (key !== undefined)
          store.saveIdempotent(caller, key, { tool: tool.name, request, result: done });
        return done;
      });
      return success(result, tool.describe(result));
    } catch (error) {
      return failure(error);
    }
  };

  const register = <K extends Key>(tool: WriteTool<K>): void => {
    const annotations: ToolAnnotations = {
      title: tool.title,
      readOnlyHint: false,
      destructiveHint: tool.commits,
      idempotentHint: tool.settles,
      openWorldHint: false,
    };
    // Widened to one object type, so the SDK's generics see a single schema, not a union.
    const inputSchema: z.ZodObject = writeInputs[tool.key];
    const outputSchema: z.ZodObject = writeOutputs[tool.key];
    mcp.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema,
        outputSchema,
        annotations,
      },
      // The SDK has validated `args` against the input schema.
      (args: Record<string, unknown>, extra: ToolExtra) => run(tool, args as Args<K>, extra),
    );
  };
  for (const tool of Object.values(TOOLS)) register(tool as WriteTool<Key>);
}
