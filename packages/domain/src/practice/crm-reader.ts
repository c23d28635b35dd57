import { z } from 'zod';
import { DomainError, DomainErrorCode, forbidden } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { ToolCallConversation, ToolHub } from '../ports/tool-hub.port.js';

/** The parts of the CRM tools' structured output a practice scenario is built from. */
const opportunityRow = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  stage: z.string(),
  amount: z.number(),
  closeDate: z.string(),
  nextStep: z.string().nullable(),
  lastActivityDate: z.string().nullable(),
});
export type DealRow = z.infer<typeof opportunityRow>;

const opportunityPage = z.object({ total: z.number(), rows: z.array(opportunityRow) });

const accountDetail = z.object({
  account: z.object({
    id: z.string(),
    name: z.string(),
    industry: z.string(),
    employees: z.number(),
  }),
  contacts: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  recentActivities: z.array(z.object({ date: z.string(), type: z.string(), subject: z.string() })),
});
export type AccountDetail = z.infer<typeof accountDetail>;

export interface CrmCaller {
  readonly user: User;
  readonly role: string;
  readonly token?: string;
  readonly signal?: AbortSignal;
  /** The practice the deal is read for (absent when only listing deals). */
  readonly conversation?: ToolCallConversation;
}

const PAGE = 100;
const MAX_PAGES = 10;

/**
 * Reads deals through the CRM's MCP tools, with the caller's role and token like any tool
 * call: the CRM decides what "my deals" are, so a deal outside them is never read.
 */
export class CrmReader {
  constructor(private readonly hub: ToolHub) {}

  private toolName(caller: CrmCaller, tool: string): string {
    const descriptor = this.hub.toolsFor(caller.role).find((d) => d.tool === tool);
    if (descriptor) return descriptor.name;
    const serverDown = this.hub.status().some((s) => s.roles.includes(caller.role) && !s.connected);
    if (serverDown)
      throw new DomainError(
        DomainErrorCode.Unavailable,
        'The CRM is not reachable right now; try again shortly',
      );
    throw forbidden(`The ${caller.role} role has no access to CRM deals`);
  }

  private async call<T>(
    caller: CrmCaller,
    tool: string,
    args: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const outcome = await this.hub.call(this.toolName(caller, tool), args, {
      user: caller.user,
      role: caller.role,
      ...(caller.token === undefined ? {} : { token: caller.token }),
      ...(caller.signal === undefined ? {} : { signal: caller.signal }),
      ...(caller.conversation === undefined ? {} : { conversation: caller.conversation }),
    });
    if (outcome.refused) throw forbidden(outcome.error ?? 'The CRM refused the request');
    if (!outcome.ok)
      throw new DomainError(
        DomainErrorCode.Unavailable,
        'The CRM could not answer; try again shortly',
      );
    const parsed = schema.safeParse(outcome.structuredContent);
    if (!parsed.success)
      throw new DomainError(DomainErrorCode.Unavailable, 'The CRM answered in an unexpected shape');
    return parsed.data;
  }

  /** The caller's open deals (a manager's: their team's), soonest close first. */
  async openDeals(caller: CrmCaller, limit: number): Promise<DealRow[]> {
    const page = await this.call(
      caller,
      'list_opportunities',
      { owner: 'me', openOnly: true, limit: Math.min(limit, PAGE) },
      opportunityPage,
    );
    return page.rows;
  }

  /** One of the caller's open deals, or FORBIDDEN when it is not among the deals they can see. */
  async visibleDeal(caller: CrmCaller, opportunityId: string): Promise<DealRow> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.call(
        caller,
        'list_opportunities',
        { owner: 'me', openOnly: true, limit: PAGE, offset: page * PAGE },
        opportunityPage,
      );
      const deal = result.rows.find((r) => r.id === opportunityId);
      if (deal) return deal;
      if ((page + 1) * PAGE >= result.total) break;
    }
    throw forbidden('You can only practise on your own open deals');
  }

  account(caller: CrmCaller, accountId: string): Promise<AccountDetail> {
    return this.call(caller, 'get_account', { accountId }, accountDetail);
  }
}
