import {
  DomainError,
  DomainErrorCode,
  forbidden,
  invalid,
  notFound,
} from '../errors/domain-error.js';
import type { ConversationCore } from '../conversation/conversation-core.js';
import type { ConversationPublisher } from '../conversation/conversation-publisher.js';
import { followStream, type FollowedEvent } from '../conversation/follow-stream.js';
import type { ConversationEvent } from '../model/events.js';
import { newId } from '../model/ids.js';
import type { User } from '../model/user.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventLog } from '../ports/event-log.port.js';
import { silentLogger, type Logger } from '../ports/logger.port.js';
import type { ToolCallContext, ToolDescriptor, ToolHub } from '../ports/tool-hub.port.js';
import type { ElicitationBroker } from '../elicitation/elicitation-broker.js';
import {
  approvalView,
  isOverdue,
  type Approval,
  type ApprovalRecord,
  type ApprovalStatus,
} from './approval.js';
import { ApprovalAccess, type ApprovalAccessDeps } from './approval-access.js';
import { OfferedTools } from './offered-tools.js';
import type { ApprovalGate, ProposedCall } from '../ports/approval-gate.port.js';
import { describeDecider } from './approval-policy.js';
import type { ApprovalRepository } from '../ports/approval-repository.port.js';
import { callRecordOf, conversationOf, outcomeMessage, resultOf } from './approval-outcome.js';
import type { AskerTokens } from '../ports/asker-tokens.port.js';
import type { ToolCallAudit } from '../audit/audited-tool-hub.js';
import { auditNotRun } from './approval-audit.js';

/** The event-log stream every approval change goes to (`approvals.events` filters it per user). */
export const APPROVALS_STREAM = 'approvals';
const LIST_MAX = 200;

export interface ApprovalServiceDeps extends ApprovalAccessDeps {
  readonly approvals: ApprovalRepository;
  readonly tools: ToolHub;
  /** Problems of `args` against a JSON Schema (empty when they fit). */
  readonly validate: (schema: Record<string, unknown>, args: unknown) => string[];
  readonly askerTokens: AskerTokens;
  readonly conversations: Pick<ConversationCore, 'publish' | 'postCoachMessage'>;
  readonly publisher: ConversationPublisher;
  readonly log: EventLog;
  readonly clock: Clock;
  /** How long a request waits before it expires (APPROVAL_TTL). */
  readonly ttlMs: number;
  /** A server's request for input during an approved call goes to the asker; declined without it. */
  readonly elicitations?: Pick<ElicitationBroker, 'elicitorFor'>;
  /** Where a request that ends without running (rejected, expired) is audited. */
  readonly audit?: ToolCallAudit;
  readonly logger?: Logger;
}

export interface DecideInput {
  readonly id: string;
  readonly decision: 'approve' | 'reject';
  /** A decider's edit of the arguments (approve only); checked against the tool's schema. */
  readonly arguments?: Record<string, unknown>;
  readonly reason?: string;
}

const conflict = (why: string) => new DomainError(DomainErrorCode.Conflict, why);

/**
 * Requests for approval: the engine leaves writes here (propose); the people allowed to
 * decide list, read and decide them; an approved call runs with the ASKER's identity and the
 * coach posts what happened in the conversation it came from. Every change is published on
 * the conversation's stream and on the approvals stream.
 */
export class ApprovalService implements ApprovalGate {
  private readonly access: ApprovalAccess;
  private readonly logger: Logger;

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.access = new ApprovalAccess(deps);
    this.logger = (deps.logger ?? silentLogger).child({ component: 'approvals' });
  }

  async propose(call: ProposedCall): Promise<{ approval: Approval } | { error: string }> {
    const { descriptor } = call;
    const problems = this.deps.validate(descriptor.inputSchema, call.arguments);
    if (problems.length > 0)
      return { error: `Invalid arguments for ${descriptor.name}: ${problems.join('; ')}` };
    if (descriptor.approval === 'none') return { error: `${descriptor.name} needs no approval` };
    const now = this.deps.clock.now();
    const record: ApprovalRecord = {
      id: newId(),
      server: descriptor.server,
      tool: descriptor.tool,
      name: descriptor.name,
      arguments: call.arguments,
      proposedArguments: call.arguments,
      askedBy: { id: call.asker.id, name: call.asker.name },
      asker: call.asker,
      role: call.role,
      conversation:
        call.ref.kind === 'group'
          ? { kind: 'group', id: call.ref.groupId }
          : { kind: 'chat', id: call.ref.sessionId },
      messageId: call.messageId,
      callId: call.callId,
      status: 'pending',
      policy: descriptor.approval,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.ttlMs).toISOString(),
      version: 1,
    };
    await this.deps.approvals.create(record);
    if (call.token) this.deps.askerTokens.remember?.(call.asker, call.token);
    const approval = approvalView(record);
    this.logger.info(
      { approvalId: record.id, mcpServer: record.server, tool: record.tool },
      'approval requested',
    );
    await this.deps.publisher.publish(APPROVALS_STREAM, {
      type: 'tool.awaiting_approval',
      messageId: call.messageId,
      call: {
        id: call.callId,
        server: record.server,
        tool: record.tool,
        status: 'awaiting_approval',
        durationMs: 0,
        approvalId: record.id,
      },
      approval,
    });
    return { approval };
  }

  /** What this user may decide, plus their own requests; newest first. */
  async list(user: User, input: { status?: ApprovalStatus } = {}): Promise<Approval[]> {
    await this.expireDue();
    const records = await this.deps.approvals.list({
      ...(input.status ? { status: input.status } : {}),
      limit: LIST_MAX,
    });
    const shown: Approval[] = [];
    const tools = new OfferedTools(this.deps.tools);
    for (const record of records)
      if (record.asker.id === user.id || (await this.access.canDecide(user, record)))
        shown.push(await this.withInputSchema(record, tools));
    return shown;
  }

  /** One request the user may see (NOT_FOUND otherwise: its existence is not revealed). */
  async get(user: User, id: string): Promise<Approval> {
    return await this.withInputSchema(await this.visible(user, id));
  }

  /** The view with the tool's input schema, so a decider's edit form can offer its choices. */
  private async withInputSchema(
    record: ApprovalRecord,
    tools = new OfferedTools(this.deps.tools),
  ): Promise<Approval> {
    const tool = await tools.find(record);
    const view = approvalView(record);
    return tool ? { ...view, inputSchema: tool.inputSchema } : view;
  }

  /**
   * Approves (running the call with the asker's identity) or rejects. Exactly one of two
   * deciders at once wins; the other gets CONFLICT. An edit is checked against the tool's
   * schema before anything changes; the call runs with the arguments stored by the decision.
   */
  async decide(user: User, input: DecideInput): Promise<Approval> {
    let record = await this.visible(user, input.id);
    if (!(await this.access.canDecide(user, record)))
      throw forbidden(
        `Only ${describeDecider(record.policy, record.conversation.kind)} may decide this request`,
      );
    if (isOverdue(record, this.deps.clock.now())) {
      await this.close(record, 'expired');
      throw conflict('This request expired before it was decided');
    }
    if (record.status !== 'pending') throw conflict(`This request was already ${record.status}`);

    const decidedBy = { id: user.id, name: user.name };
    const decidedAt = this.deps.clock.now().toISOString();
    if (input.decision === 'reject') {
      const rejected = await this.transition(record, {
        status: 'rejected',
        decidedBy,
        decidedAt,
        ...(input.reason ? { reason: input.reason } : {}),
      });
      await auditNotRun(this.deps.audit, rejected);
      return approvalView(await this.announce(rejected));
    }

    const descriptor = await this.available(record);
    let args = record.arguments;
    if (input.arguments) {
      const problems = this.deps.validate(descriptor.inputSchema, input.arguments);
      if (problems.length > 0)
        throw invalid(`The edited arguments do not fit ${record.tool}: ${problems.join('; ')}`);
      args = input.arguments;
    }
    const token = await this.askerToken(record);
    record = await this.transition(record, {
      status: 'approved',
      arguments: args,
      decidedBy,
      decidedAt,
      ...(input.reason ? { reason: input.reason } : {}),
    });
    return approvalView(await this.announce(await this.run(record, token)));
  }

  /** Approval changes this user may see, from `lastEventId` on (listening starts now). */
  follow(
    user: User,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<FollowedEvent> {
    const events = followStream(this.deps.log, APPROVALS_STREAM, { lastEventId, signal });
    const access = this.access;
    const records = this.deps.approvals;
    return (async function* () {
      try {
        for await (const item of events) {
          const approval = approvalOf(item.event);
          if (!approval) {
            if (item.event.type === 'sync.reset') yield item;
            continue;
          }
          const record = await records.get(approval.id);
          if (record && (await access.canSee(user, record))) yield item;
        }
      } finally {
        await events.return(undefined);
      }
    })();
  }

  /** Marks overdue pending requests expired and says so where they were asked. */
  async expireDue(): Promise<number> {
    const now = this.deps.clock.now();
    const pending = await this.deps.approvals.list({ status: 'pending', limit: LIST_MAX });
    let expired = 0;
    for (const record of pending)
      if (isOverdue(record, now) && (await this.close(record, 'expired'))) expired++;
    return expired;
  }

  private async visible(user: User, id: string): Promise<ApprovalRecord> {
    const record = await this.deps.approvals.get(id);
    if (!record || !(await this.access.canSee(user, record))) throw notFound('Approval');
    return record;
  }

  /** The tool as the asker is offered it now: approving a tool that is not there would fail anyway. */
  private async available(record: ApprovalRecord): Promise<ToolDescriptor> {
    const descriptor = await new OfferedTools(this.deps.tools).find(record);
    if (!descriptor)
      throw new DomainError(
        DomainErrorCode.Unavailable,
        `${record.server} is not available right now; try again later (the request still waits)`,
      );
    return descriptor;
  }

  /** Compare-and-set from pending: the loser of a race gets CONFLICT and nothing changes. */
  private async transition(
    record: ApprovalRecord,
    patch: Partial<ApprovalRecord>,
  ): Promise<ApprovalRecord> {
    const next: ApprovalRecord = { ...record, ...patch, version: record.version + 1 };
    if (!(await this.deps.approvals.replace(next, record.version))) {
      const now = await this.deps.approvals.get(record.id);
      throw conflict(`This request was already ${now?.status ?? 'decided'}`);
    }
    return next;
  }

  /**
   * A token for the asker, obtained at decision time (they may be offline). Without one the
   * decision fails and the request keeps waiting: nothing runs under anyone else's identity.
   */
  private async askerToken(record: ApprovalRecord): Promise<string> {
    try {
      return await this.deps.askerTokens.forAsker(record.asker);
    } catch (error) {
      const why = error instanceof Error ? error.message : 'no token could be had';
      this.logger.warn({ approvalId: record.id }, 'no token for the asker of an approval');
      throw new DomainError(
        DomainErrorCode.Unavailable,
        `Could not act for ${record.askedBy.name}: ${why}. Nothing was run; the request still waits.`,
      );
    }
  }

  /** Asks the asker (on the conversation the request came from) when the server needs input. */
  private askerElicitor(record: ApprovalRecord): ToolCallContext['elicit'] {
    const ref = conversationOf(record);
    return this.deps.elicitations?.elicitorFor({
      asker: record.asker,
      messageId: record.messageId,
      emit: (event) =>
        void this.deps.conversations
          .publish(ref, event)
          .catch((error: unknown) =>
            this.logger.warn(
              { approvalId: record.id, err: (error as Error).message },
              'not published',
            ),
          ),
      signal: new AbortController().signal,
    });
  }

  /** Runs an approved call with the asker's identity and keeps its outcome on the request. */
  private async run(record: ApprovalRecord, token: string): Promise<ApprovalRecord> {
    const decidedBy = record.decidedBy ?? { id: '', name: '' };
    const outcome = await this.deps.tools.call(record.name, record.arguments, {
      user: record.asker,
      role: record.role,
      token,
      conversation: record.conversation,
      approval: { id: record.id, decidedBy },
      ...(this.deps.elicitations ? { elicit: this.askerElicitor(record) } : {}),
    });
    this.logger.info(
      { approvalId: record.id, mcpServer: record.server, tool: record.tool, ok: outcome.ok },
      'approved call ran',
    );
    return this.keepResult(record, resultOf(outcome));
  }

  private async keepResult(
    record: ApprovalRecord,
    result: NonNullable<ApprovalRecord['result']>,
  ): Promise<ApprovalRecord> {
    const next: ApprovalRecord = { ...record, result, version: record.version + 1 };
    // Only this decision's run writes the result: a lost compare-and-set cannot happen here.
    if (!(await this.deps.approvals.replace(next, record.version)))
      this.logger.warn({ approvalId: record.id }, 'approval result not kept');
    return next;
  }

  /** Expires (or otherwise closes) a pending request; false when someone decided it first. */
  private async close(record: ApprovalRecord, status: 'expired'): Promise<boolean> {
    try {
      const closed = await this.transition(record, { status });
      await auditNotRun(this.deps.audit, closed);
      await this.announce(closed);
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.Conflict) return false;
      throw error;
    }
  }

  /** Posts the outcome in the conversation and publishes `approval.decided` everywhere it is followed. */
  private async announce(record: ApprovalRecord): Promise<ApprovalRecord> {
    const ref = conversationOf(record);
    let final = record;
    try {
      const message = await this.deps.conversations.postCoachMessage(ref, {
        content: outcomeMessage(record),
        toolCalls: [callRecordOf(record)],
        key: `approval:${record.id}`,
      });
      if (record.result) {
        final = { ...record, result: { ...record.result, messageId: message.id } };
        if (
          await this.deps.approvals.replace(
            { ...final, version: record.version + 1 },
            record.version,
          )
        )
          final = { ...final, version: record.version + 1 };
      }
    } catch (error) {
      // The conversation may be gone (deleted): the decision stands; nobody is left to tell.
      this.logger.warn(
        { approvalId: record.id, err: (error as Error).message },
        'approval outcome not posted',
      );
    }
    const event = { type: 'approval.decided', approval: approvalView(final) } as const;
    await this.deps.conversations.publish(ref, event);
    await this.deps.publisher.publish(APPROVALS_STREAM, event);
    return final;
  }
}

function approvalOf(event: ConversationEvent): Approval | undefined {
  return event.type === 'tool.awaiting_approval' || event.type === 'approval.decided'
    ? event.approval
    : undefined;
}
