import { newId } from '../model/ids.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { ToolCallContext, ToolCallOutcome, ToolHub } from '../ports/tool-hub.port.js';
import { storedArguments, type AuditEntry, type AuditOutcome } from './audit-entry.js';
import type { AuditLog } from '../ports/audit-log.port.js';

/** A call that was decided without running (refused before the hub, or waiting for approval). */
export interface UnrunCall {
  readonly server: string;
  readonly tool: string;
  readonly arguments: unknown;
  readonly context: ToolCallContext;
  readonly outcome: Exclude<AuditOutcome, 'ok'>;
  readonly error?: string;
  /** The approval the call waits for. */
  readonly approvalId?: string;
}

/** Records calls that never reach `ToolHub.call`; never rejects. */
export interface ToolCallAudit {
  recordUnrun(call: UnrunCall): Promise<void>;
}

export interface AuditedToolHubDeps {
  readonly log: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The asker's teams go with each entry (their managers read it); none without a directory. */
  readonly teams?: TeamDirectory;
}

const ERROR_MAX = 1_000;

/** `crm__pipeline_summary` → `crm` / `pipeline_summary`, for names the hub did not know. */
function namesOf(
  name: string,
  outcome?: Pick<ToolCallOutcome, 'server' | 'tool'>,
): { server: string; tool: string } {
  if (outcome?.server) return { server: outcome.server, tool: outcome.tool || name };
  const at = name.indexOf('__');
  return at > 0
    ? { server: name.slice(0, at).slice(0, 100), tool: name.slice(at + 2).slice(0, 200) || name }
    : { server: 'unknown', tool: name.slice(0, 200) || 'unknown' };
}

const outcomeOf = (outcome: ToolCallOutcome): AuditOutcome =>
  outcome.ok ? 'ok' : outcome.refused ? 'refused' : 'failed';

/**
 * Decorates a tool hub so every call through it is appended to the audit log: who asked,
 * where, the arguments, the approval and its decider, timings and the outcome. A failure to
 * record is logged (ids only, never the arguments) and never fails the call.
 */
export function auditedToolHub(inner: ToolHub, deps: AuditedToolHubDeps): ToolHub & ToolCallAudit {
  const teamIdsOf = (context: ToolCallContext): string[] =>
    (deps.teams?.teamsOf(context.user) ?? [])
      .filter((t) => t.relation === 'member')
      .map((t) => t.id);

  async function append(entry: AuditEntry): Promise<void> {
    try {
      await deps.log.append(entry);
    } catch (error) {
      deps.logger.error(
        {
          auditId: entry.id,
          mcpServer: entry.server,
          tool: entry.tool,
          userId: entry.askedBy.id,
          outcome: entry.outcome,
          err: (error as Error).name,
        },
        'audit entry not recorded',
      );
    }
  }

  function entryOf(
    names: { server: string; tool: string },
    args: unknown,
    context: ToolCallContext,
    timing: { startedAt: Date; finishedAt: Date; durationMs: number },
    result: { outcome: AuditOutcome; error?: string; approvalId?: string },
  ): AuditEntry {
    const approvalId = context.approval?.id ?? result.approvalId;
    return {
      id: newId(),
      server: names.server || 'unknown',
      tool: names.tool || 'unknown',
      arguments: storedArguments(args),
      askedBy: { id: context.user.id, name: context.user.name },
      role: context.role,
      teamIds: teamIdsOf(context),
      ...(context.conversation ? { conversation: { ...context.conversation } } : {}),
      ...(approvalId
        ? {
            approval: {
              id: approvalId,
              ...(context.approval ? { decidedBy: { ...context.approval.decidedBy } } : {}),
            },
          }
        : {}),
      startedAt: timing.startedAt.toISOString(),
      finishedAt: timing.finishedAt.toISOString(),
      durationMs: Math.max(0, Math.round(timing.durationMs)),
      outcome: result.outcome,
      ...(result.error ? { error: result.error.slice(0, ERROR_MAX) } : {}),
    };
  }

  return {
    toolsFor: (role) => inner.toolsFor(role),
    serversFor: (role) => inner.serversFor(role),
    offerFor: (role, userId) => inner.offerFor(role, userId),
    status: () => inner.status(),
    async call(name, args, context) {
      const startedAt = deps.clock.now();
      const started = performance.now();
      let outcome: ToolCallOutcome;
      try {
        outcome = await inner.call(name, args, context);
      } catch (error) {
        const finishedAt = deps.clock.now();
        const durationMs = performance.now() - started;
        await append(
          entryOf(
            namesOf(name),
            args,
            context,
            { startedAt, finishedAt, durationMs },
            { outcome: 'failed', error: 'the tool failed' },
          ),
        );
        throw error;
      }
      const finishedAt = deps.clock.now();
      await append(
        entryOf(
          namesOf(name, outcome),
          args,
          context,
          {
            startedAt,
            finishedAt,
            durationMs: outcome.durationMs >= 0 ? outcome.durationMs : performance.now() - started,
          },
          {
            outcome: outcomeOf(outcome),
            ...(outcome.ok ? {} : { error: outcome.error ?? 'the tool failed' }),
          },
        ),
      );
      return outcome;
    },
    async recordUnrun(call) {
      const now = deps.clock.now();
      await append(
        entryOf(
          { server: call.server, tool: call.tool },
          call.arguments,
          call.context,
          { startedAt: now, finishedAt: now, durationMs: 0 },
          {
            outcome: call.outcome,
            ...(call.error ? { error: call.error } : {}),
            ...(call.approvalId ? { approvalId: call.approvalId } : {}),
          },
        ),
      );
    },
  };
}
