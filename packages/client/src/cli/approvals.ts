import type { Approval } from '@salescoach/domain';
import type { SalesCoachClient } from '../client.js';
import type { CliCommand } from './args.js';
import { UsageError } from './args.js';

/** What `approvals` asks for: list (optionally by status) or decide one request. */
export type ApprovalsAction =
  | { readonly action: 'list'; readonly status?: Approval['status'] }
  | {
      readonly action: 'decide';
      readonly id: string;
      readonly decision: 'approve' | 'reject';
      readonly reason?: string;
    };

const STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;

/** `approvals list [--status …]` or `approvals decide <id> (--approve|--reject) [--reason "…"]`. */
export function parseApprovalsAction(
  positionals: readonly string[],
  values: Record<string, string | boolean | undefined>,
): ApprovalsAction {
  const [, action, id] = positionals;
  if (action === 'list') {
    const status = values.status;
    if (status !== undefined && !STATUSES.includes(status as Approval['status']))
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    return {
      action: 'list',
      ...(typeof status === 'string' ? { status: status as Approval['status'] } : {}),
    };
  }
  if (action !== 'decide') throw new UsageError('approvals needs "list" or "decide"');
  if (!id) throw new UsageError('approvals decide needs the request id');
  if (values.approve === values.reject)
    throw new UsageError('approvals decide needs one of --approve or --reject');
  return {
    action: 'decide',
    id,
    decision: values.approve ? 'approve' : 'reject',
    ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
  };
}

/** One request as the CLI prints it (DESIGN §8). */
export function approvalJson(approval: Approval) {
  return {
    id: approval.id,
    server: approval.server,
    tool: approval.tool,
    arguments: approval.arguments,
    askedBy: approval.askedBy,
    conversationId: approval.conversation.id,
    status: approval.status,
    ...(approval.decidedBy ? { decidedBy: approval.decidedBy } : {}),
    ...(approval.reason ? { reason: approval.reason } : {}),
    ...(approval.result
      ? { result: { ok: approval.result.ok, summary: approval.result.summary } }
      : {}),
  };
}

const line = (a: Approval) =>
  `${a.id}\t${a.status}\t${a.server}/${a.tool}\t${a.askedBy.name}${a.decidedBy ? `\t${a.decidedBy.name}` : ''}\n`;

/** `approvals list|decide`: what this user may decide plus their own requests; or one decision. */
export async function runApprovals(
  client: SalesCoachClient,
  command: CliCommand,
  out: NodeJS.WritableStream,
): Promise<number> {
  const request = command.approvals;
  if (!request) throw new UsageError('approvals needs "list" or "decide"');
  if (request.action === 'list') {
    const approvals = (await client.api.approvals.list.query(
      request.status ? { status: request.status } : {},
    )) as Approval[];
    if (command.json) out.write(`${JSON.stringify(approvals.map(approvalJson))}\n`);
    else for (const a of approvals) out.write(line(a));
    return 0;
  }
  const decided = await client.api.approvals.decide.mutate({
    id: request.id,
    decision: request.decision,
    ...(request.reason ? { reason: request.reason } : {}),
  });
  if (command.json) out.write(`${JSON.stringify(approvalJson(decided))}\n`);
  else {
    out.write(line(decided));
    if (decided.result)
      out.write(`${decided.result.ok ? 'ran' : 'failed'}: ${decided.result.summary}\n`);
  }
  return decided.result && !decided.result.ok ? 1 : 0;
}
