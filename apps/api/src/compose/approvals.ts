import type { Settings } from '@salescoach/config';
import {
  ApprovalService,
  type AskerTokens,
  type Clock,
  type ConversationCore,
  type ConversationPublisher,
  type ElicitationBroker,
  type EventLog,
  type Logger,
  type Store,
  type TeamDirectory,
  type ToolCallAudit,
  type ToolHub,
} from '@salescoach/domain';
import { devAskerTokens, rememberedAskerTokens } from '@salescoach/auth';
import { checkJsonSchema } from '@salescoach/mcp';
import type { AuthSetup } from './auth.js';

export interface ApprovalsSetup {
  readonly service: ApprovalService;
  /** Stops the expiry sweep. */
  close(): void;
}

const SWEEP_MAX_MS = 60_000;

/**
 * Requests for approval: stored in the store, published on the event log, decided with the
 * asker's identity (dev: the local issuer signs for them; entra: their remembered token).
 * `conversations` is read when a request is decided, after the composition has made it.
 */
export function composeApprovals(
  settings: Settings,
  deps: {
    store: Store;
    hub: ToolHub;
    auth: AuthSetup;
    teams: TeamDirectory;
    log: EventLog;
    publisher: ConversationPublisher;
    clock: Clock;
    logger: Logger;
    conversations: () => ConversationCore;
    elicitations: ElicitationBroker;
    /** The audited hub's record of calls that never ran. */
    audit: ToolCallAudit;
  },
): ApprovalsSetup {
  const askerTokens: AskerTokens = deps.auth.delegation.dev
    ? devAskerTokens(deps.auth.delegation.dev.issuer)
    : rememberedAskerTokens();
  const service = new ApprovalService({
    approvals: deps.store.approvals,
    tools: deps.hub,
    validate: checkJsonSchema,
    askerTokens,
    conversations: {
      publish: (ref, event) => deps.conversations().publish(ref, event),
      postCoachMessage: (ref, input) => deps.conversations().postCoachMessage(ref, input),
    },
    publisher: deps.publisher,
    log: deps.log,
    clock: deps.clock,
    ttlMs: settings.APPROVAL_TTL,
    elicitations: deps.elicitations,
    audit: deps.audit,
    teams: deps.teams,
    room: (groupId) => deps.store.groups.get(groupId),
    logger: deps.logger,
  });
  const sweep = (): void => {
    service.expireDue().catch((error: unknown) => {
      deps.logger.warn({ err: (error as Error).message }, 'approval expiry sweep failed');
    });
  };
  const timer = setInterval(
    sweep,
    Math.min(SWEEP_MAX_MS, Math.max(1_000, settings.APPROVAL_TTL / 4)),
  );
  timer.unref();
  return { service, close: () => clearInterval(timer) };
}
