import { setTimeout as sleep } from 'node:timers/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CrmQueries } from './crm-queries.js';
import { inputs, outputs } from './crm-schemas.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { AccessDenied, type Viewer } from './auth/caller-scope.js';
import { callerOf } from './auth/crm-token-verifier.js';

interface ToolExtra {
  signal: AbortSignal;
  /** The verified bearer token of THIS request (each request is authorized on its own). */
  authInfo?: AuthInfo;
}

export interface CrmToolOptions {
  /** Simulated backend latency before each answer (for demos and resilience tests). */
  readonly delayMs?: number;
  /**
   * Token subjects of services that may read pipeline totals for a named rep or manager (the
   * API's own client, for the team digest); they see no deal rows and nothing else.
   */
  readonly aggregateReaders?: ReadonlySet<string>;
}

const usd = (n: number): string =>
  n >= 1_000_000
    ? `$${(n / 1_000_000).toFixed(2)}M`
    : n >= 1_000
      ? `$${(n / 1_000).toFixed(1)}k`
      : `$${n}`;

/**
 * Runs a query as the request's verified caller; a thrown Error becomes `isError` with its
 * message (what is wrong with the input, or what the caller may not see).
 */
async function answerAfter<T extends Record<string, unknown>>(
  delayMs: number,
  extra: ToolExtra,
  viewerFor: (auth: AuthInfo | undefined) => Viewer,
  run: (viewer: Viewer) => T,
  describe: (result: T) => string,
): Promise<CallToolResult> {
  if (delayMs > 0) await sleep(delayMs, undefined, { signal: extra.signal });
  try {
    const result = run(viewerFor(extra.authInfo));
    return { structuredContent: result, content: [{ type: 'text', text: describe(result) }] };
  } catch (error) {
    const prefix = error instanceof AccessDenied ? 'Not allowed' : 'Invalid request';
    return {
      isError: true,
      content: [{ type: 'text', text: `${prefix}: ${(error as Error).message}` }],
    };
  }
}

/** Registers the CRM tools, each with zod input and output schemas. */
export function registerCrmTools(
  server: McpServer,
  queries: CrmQueries,
  options: CrmToolOptions = {},
): void {
  const aggregateReaders = options.aggregateReaders ?? new Set<string>();
  const answer = <T extends Record<string, unknown>>(
    extra: ToolExtra,
    run: (viewer: Viewer) => T,
    describe: (result: T) => string,
  ): Promise<CallToolResult> =>
    answerAfter(
      options.delayMs ?? 0,
      extra,
      (auth) => queries.viewer(callerOf(auth)),
      run,
      describe,
    );

  server.registerTool(
    'search_accounts',
    {
      title: 'Search accounts',
      description:
        'Find customer accounts by words in their name or industry, optionally by region or owner.',
      inputSchema: inputs.searchAccounts,
      outputSchema: outputs.searchAccounts,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.searchAccounts(args, viewer),
        (r) => `${r.total} account(s) match; showing ${r.rows.length}.`,
      ),
  );

  server.registerTool(
    'get_account',
    {
      title: 'Account detail',
      description: 'One account with its contacts, opportunities and recent activities.',
      inputSchema: inputs.getAccount,
      outputSchema: outputs.getAccount,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.getAccount(args, viewer),
        (r) =>
          `${r.account.name} (${r.account.industry}, ${r.account.region}): ${r.contacts.length} contacts, ${r.opportunities.length} opportunities.`,
      ),
  );

  server.registerTool(
    'list_opportunities',
    {
      title: 'List opportunities',
      description:
        'Opportunities filtered by owner, stage, closing quarter and minimum amount, with paging (sorted by close date).',
      inputSchema: inputs.listOpportunities,
      outputSchema: outputs.listOpportunities,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.listOpportunities(args, viewer),
        (r) =>
          `${r.total} opportunit${r.total === 1 ? 'y' : 'ies'} worth ${usd(r.totalAmount)}; showing ${r.rows.length} from ${r.offset}.`,
      ),
  );

  server.registerTool(
    'pipeline_summary',
    {
      title: 'Pipeline summary',
      description:
        'Deals closing in a quarter, grouped by stage, owner or month: count, amount, open, weighted and won amounts.',
      inputSchema: inputs.pipelineSummary,
      outputSchema: outputs.pipelineSummary,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answerAfter(
        options.delayMs ?? 0,
        extra,
        (auth) => queries.aggregateViewer(callerOf(auth), args.owner, aggregateReaders),
        (viewer) => queries.pipelineSummary(args, viewer),
        (r) =>
          `${r.quarter} by ${r.groupBy}: ${r.total.count} deals, ${usd(r.total.openAmount)} open, ${usd(r.total.wonAmount)} won.`,
      ),
  );

  server.registerTool(
    'forecast',
    {
      title: 'Forecast',
      description:
        'Quarter forecast: closed won, commit (won + Negotiation), best case (+ Proposal), open pipeline, quota and coverage, per rep.',
      inputSchema: inputs.forecast,
      outputSchema: outputs.forecast,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.forecast(args, viewer),
        (r) =>
          `${r.quarter}: ${usd(r.closedWon)} won of ${usd(r.quota)} quota (${r.attainmentPct}%), commit ${usd(r.commit)}, best case ${usd(r.bestCase)}, pipeline ${usd(r.pipeline)}.`,
      ),
  );

  server.registerTool(
    'rep_scorecard',
    {
      title: 'Rep scorecard',
      description:
        'Per rep for a quarter: quota attainment, win rate, average sales cycle, deal size, open pipeline and activity counts.',
      inputSchema: inputs.repScorecard,
      outputSchema: outputs.repScorecard,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.repScorecard(args, viewer),
        (r) =>
          `${r.quarter} scorecard for ${r.rows.length} rep(s): ${r.rows.map((x) => `${x.name} ${x.attainmentPct}%`).join(', ')}.`,
      ),
  );

  server.registerTool(
    'deal_risks',
    {
      title: 'Deal risks',
      description:
        'Open deals at risk: stale or missing next step, slipped close date, a single contact, or no activity in N days.',
      inputSchema: inputs.dealRisks,
      outputSchema: outputs.dealRisks,
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      answer(
        extra,
        (viewer) => queries.dealRisks(args, viewer),
        (r) => `${r.total} open deal(s) at risk as of ${r.asOf}; showing ${r.rows.length}.`,
      ),
  );

  server.registerTool(
    'list_reps',
    {
      title: 'List reps',
      description: 'Sales reps and managers: ids, emails, regions, managers and quarterly quotas.',
      inputSchema: inputs.listReps,
      outputSchema: outputs.listReps,
      annotations: { readOnlyHint: true },
    },
    (_args, extra) =>
      answer(
        extra,
        (viewer) => queries.listReps(viewer),
        (r) => `${r.rows.length} people in the sales org.`,
      ),
  );
}
