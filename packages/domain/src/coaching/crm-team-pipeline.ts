import type { DirectoryEntry } from '../group/group-service-deps.js';
import type { Logger } from '../ports/logger.port.js';
import type { TeamPipeline, TeamPipelineSource } from '../ports/team-pipeline.port.js';
import type { ToolHub } from '../ports/tool-hub.port.js';
import { z } from 'zod';

/** The part of the CRM's `pipeline_summary` answer the digest uses. */
const pipelineSummary = z.object({
  quarter: z.string(),
  rows: z.array(
    z.object({
      group: z.string(),
      count: z.number(),
      amount: z.number(),
    }),
  ),
  total: z.object({
    count: z.number(),
    openAmount: z.number(),
    weightedAmount: z.number(),
    wonAmount: z.number(),
  }),
});

export interface CrmTeamPipelineDeps {
  readonly hub: ToolHub;
  readonly directory: () => readonly DirectoryEntry[] | Promise<readonly DirectoryEntry[]>;
  readonly logger: Logger;
}

/**
 * A team's pipeline for the digest from the CRM's `pipeline_summary`, grouped by stage, for
 * the team manager's scope (their team's deals). The call asks the hub for the API's own
 * service credential (`credential: 'service'`), which the CRM allows totals only, for a
 * named manager (`CRM_AGGREGATE_READERS`); it is audited as the digest's service identity.
 */
export function crmTeamPipeline(deps: CrmTeamPipelineDeps): TeamPipelineSource {
  return {
    async forTeam(team, requestedBy) {
      const tool = deps.hub.toolsFor(team.role).find((t) => t.tool === 'pipeline_summary');
      if (!tool) return undefined;
      const people = await deps.directory();
      const manager = team.managers
        .map((id) => people.find((p) => p.userId === id))
        .find((p) => p?.email);
      if (!manager?.email) return undefined;
      const outcome = await deps.hub.call(
        tool.name,
        { quarter: 'this quarter', groupBy: 'stage', owner: manager.email },
        { user: requestedBy, role: team.role, credential: 'service' },
      );
      const parsed = outcome.ok ? pipelineSummary.safeParse(outcome.structuredContent) : undefined;
      if (!parsed?.success) {
        deps.logger.warn(
          { team: team.id, server: tool.server, error: outcome.error ?? 'unexpected answer' },
          'team pipeline not read; the digest goes without it',
        );
        return undefined;
      }
      const { quarter, rows, total } = parsed.data;
      return {
        quarter,
        stages: rows.map((r) => ({ stage: r.group, deals: r.count, amount: r.amount })),
        deals: total.count,
        openAmount: total.openAmount,
        weightedAmount: total.weightedAmount,
        wonAmount: total.wonAmount,
      } satisfies TeamPipeline;
    },
  };
}
