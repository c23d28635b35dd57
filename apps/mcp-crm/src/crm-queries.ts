import { daysBetween, inRange, monthKey, parseQuarter, type QuarterRange } from './calendar.js';
import {
  type CrmDataset,
  type Opportunity,
  isOpen,
  OPEN_STAGES,
  STAGE_PROBABILITY,
  STAGES,
} from './crm-model.js';
import type { Inputs, Outputs } from './crm-schemas.js';
import { namedBy, nameWords } from './opportunity-words.js';
import {
  aggregateViewerOf,
  type OwnerScope,
  resolveOwner,
  type Viewer,
  viewerOf,
} from './auth/caller-scope.js';
import type { VerifiedCaller } from './auth/crm-token-verifier.js';

/**
 * The CRM's read queries: pure functions over the dataset, each scoped to the verified viewer
 * (a rep their own deals, a manager their team's). They throw an Error saying what is wrong.
 */
export class CrmQueries {
  private names?: { of: CrmDataset; reps: Map<string, string>; accounts: Map<string, string> };

  /** `source` gives the current records (the store's snapshot, rebuilt after each write). */
  constructor(private readonly source: { dataset(): CrmDataset }) {}

  private get data(): CrmDataset {
    return this.source.dataset();
  }

  private get repNames(): Map<string, string> {
    return this.namesOf().reps;
  }

  private get accountNames(): Map<string, string> {
    return this.namesOf().accounts;
  }

  private namesOf() {
    const data = this.data;
    if (this.names?.of !== data)
      this.names = {
        of: data,
        reps: new Map(data.reps.map((r) => [r.id, r.name])),
        accounts: new Map(data.accounts.map((a) => [a.id, a.name])),
      };
    return this.names;
  }

  /** What a verified caller may see; throws `AccessDenied` for anyone who is no rep or manager. */
  viewer(caller: VerifiedCaller | undefined): Viewer {
    return viewerOf(this.data, caller);
  }

  /** Who may read totals: a person as `viewer`, or an allowed service for the named owner. */
  aggregateViewer(
    caller: VerifiedCaller | undefined,
    owner: string | undefined,
    readers: ReadonlySet<string>,
  ): Viewer {
    return aggregateViewerOf(this.data, caller, owner, readers);
  }

  private repName = (id: string): string => this.repNames.get(id) ?? id;
  private quarter = (text: string): QuarterRange => parseQuarter(text, this.data.today);
  private owned = (scope: OwnerScope, ownerId: string): boolean => scope.repIds.has(ownerId);

  searchAccounts(input: Inputs['searchAccounts'], viewer: Viewer): Outputs['searchAccounts'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const words = (input.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0);
    const matches = this.data.accounts.filter((a) => {
      const haystack = `${a.name} ${a.industry}`.toLowerCase();
      return (
        words.every((w) => haystack.includes(w)) &&
        (input.region === undefined || a.region === input.region) &&
        this.owned(scope, a.ownerId)
      );
    });
    const rows = matches.slice(0, input.limit).map((a) => {
      const open = this.data.opportunities.filter((o) => o.accountId === a.id && isOpen(o.stage));
      return {
        id: a.id,
        name: a.name,
        industry: a.industry,
        region: a.region,
        ownerId: a.ownerId,
        ownerName: this.repName(a.ownerId),
        openOpportunities: open.length,
        openPipeline: sum(open.map((o) => o.amount)),
      };
    });
    return { total: matches.length, rows };
  }

  getAccount(input: Inputs['getAccount'], viewer: Viewer): Outputs['getAccount'] {
    const key = input.accountId.trim().toLowerCase();
    const mine = (repId: string): boolean => viewer.scope.repIds.has(repId);
    // An account the viewer has nothing to do with is "not found": its existence is not disclosed.
    const account = this.data.accounts.find(
      (a) =>
        (a.id === key || a.name.toLowerCase() === key) &&
        (mine(a.ownerId) ||
          this.data.opportunities.some((o) => o.accountId === a.id && mine(o.ownerId))),
    );
    if (!account)
      throw new Error(
        `account "${input.accountId}" not found: use an id such as acc-001 (search_accounts finds ids)`,
      );
    return {
      account: { ...account, ownerName: this.repName(account.ownerId) },
      contacts: this.data.contacts
        .filter((c) => c.accountId === account.id)
        .map(({ id, name, title, email }) => ({ id, name, title, email })),
      opportunities: this.data.opportunities
        .filter((o) => o.accountId === account.id && mine(o.ownerId))
        .map(({ id, name, stage, amount, closeDate, ownerId }) => ({
          id,
          name,
          stage,
          amount,
          closeDate,
          ownerId,
        })),
      recentActivities: this.data.activities
        .filter((a) => a.accountId === account.id && mine(a.repId))
        .slice(0, 10)
        .map(({ date, type, subject, repId }) => ({ date, type, subject, repId })),
    };
  }

  listOpportunities(
    input: Inputs['listOpportunities'],
    viewer: Viewer,
  ): Outputs['listOpportunities'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const range = input.quarter === undefined ? undefined : this.quarter(input.quarter);
    const words = input.nameContains === undefined ? undefined : nameWords(input.nameContains);
    const matches = this.data.opportunities
      .filter(
        (o) =>
          this.owned(scope, o.ownerId) &&
          (words === undefined ||
            namedBy(words, o.name, this.accountNames.get(o.accountId) ?? '')) &&
          (input.stage === undefined || o.stage === input.stage) &&
          (range === undefined || inRange(o.closeDate, range)) &&
          (input.minAmount === undefined || o.amount >= input.minAmount) &&
          (input.accountId === undefined || o.accountId === input.accountId) &&
          (!input.openOnly || isOpen(o.stage)),
      )
      .sort((a, b) => a.closeDate.localeCompare(b.closeDate) || b.amount - a.amount);
    return {
      owner: scope.label,
      quarter: range?.key ?? null,
      total: matches.length,
      totalAmount: sum(matches.map((o) => o.amount)),
      offset: input.offset,
      limit: input.limit,
      rows: matches.slice(input.offset, input.offset + input.limit).map((o) => ({
        id: o.id,
        name: o.name,
        accountId: o.accountId,
        accountName: this.accountNames.get(o.accountId) ?? o.accountId,
        ownerId: o.ownerId,
        ownerName: this.repName(o.ownerId),
        stage: o.stage,
        amount: o.amount,
        probability: STAGE_PROBABILITY[o.stage],
        closeDate: o.closeDate,
        nextStep: o.nextStep,
        lastActivityDate: o.lastActivityDate,
      })),
    };
  }

  pipelineSummary(input: Inputs['pipelineSummary'], viewer: Viewer): Outputs['pipelineSummary'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const range = this.quarter(input.quarter);
    const deals = this.inQuarter(range, scope);
    const keyOf = (o: Opportunity): string =>
      input.groupBy === 'stage'
        ? o.stage
        : input.groupBy === 'owner'
          ? this.repName(o.ownerId)
          : monthKey(o.closeDate);
    const groups = new Map<string, Opportunity[]>();
    if (input.groupBy === 'stage') for (const s of STAGES) groups.set(s, []);
    for (const o of deals) groups.set(keyOf(o), [...(groups.get(keyOf(o)) ?? []), o]);
    const keys = [...groups.keys()];
    if (input.groupBy !== 'stage') keys.sort();
    const rows = keys.map((group) => ({ group, ...totals(groups.get(group) ?? []) }));
    return {
      quarter: range.key,
      groupBy: input.groupBy,
      owner: scope.label,
      rows,
      total: totals(deals),
    };
  }

  forecast(input: Inputs['forecast'], viewer: Viewer): Outputs['forecast'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const range = this.quarter(input.quarter);
    const reps = this.data.reps.filter((r) => r.role === 'rep' && this.owned(scope, r.id));
    const rows = reps.map((rep) => {
      const f = forecastOf(this.inQuarter(range, { label: rep.id, repIds: new Set([rep.id]) }));
      return {
        ownerId: rep.id,
        ownerName: rep.name,
        quota: rep.quarterlyQuota,
        ...f,
        attainmentPct: pct(f.closedWon, rep.quarterlyQuota) ?? 0,
      };
    });
    const quota = sum(rows.map((r) => r.quota));
    const closedWon = sum(rows.map((r) => r.closedWon));
    const pipeline = sum(rows.map((r) => r.pipeline));
    const remaining = Math.max(0, quota - closedWon);
    return {
      quarter: range.key,
      owner: scope.label,
      quota,
      closedWon,
      commit: sum(rows.map((r) => r.commit)),
      bestCase: sum(rows.map((r) => r.bestCase)),
      pipeline,
      attainmentPct: pct(closedWon, quota) ?? 0,
      coveragePct: pct(pipeline, remaining),
      gapToQuota: remaining,
      rows,
    };
  }

  repScorecard(input: Inputs['repScorecard'], viewer: Viewer): Outputs['repScorecard'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const range = this.quarter(input.quarter);
    const rows = this.data.reps
      .filter((r) => r.role === 'rep' && this.owned(scope, r.id))
      .map((rep) => {
        const deals = this.inQuarter(range, { label: rep.id, repIds: new Set([rep.id]) });
        const won = deals.filter((o) => o.stage === 'Closed Won');
        const lost = deals.filter((o) => o.stage === 'Closed Lost');
        // Notes are the rep's own records, not customer touches: the scorecard leaves them out.
        const acts = this.data.activities.filter(
          (a) => a.repId === rep.id && a.type !== 'note' && inRange(a.date, range),
        );
        const count = (type: string): number => acts.filter((a) => a.type === type).length;
        const closedWon = sum(won.map((o) => o.amount));
        return {
          repId: rep.id,
          name: rep.name,
          region: rep.region,
          quota: rep.quarterlyQuota,
          closedWon,
          attainmentPct: pct(closedWon, rep.quarterlyQuota) ?? 0,
          dealsWon: won.length,
          dealsLost: lost.length,
          winRatePct: pct(won.length, won.length + lost.length),
          avgCycleDays: average(won.map((o) => daysBetween(o.createdDate, o.closeDate))),
          avgDealSize: average(won.map((o) => o.amount)),
          openPipeline: sum(deals.filter((o) => isOpen(o.stage)).map((o) => o.amount)),
          activities: acts.length,
          calls: count('call'),
          emails: count('email'),
          meetings: count('meeting'),
          demos: count('demo'),
        };
      });
    return { quarter: range.key, rows };
  }

  dealRisks(input: Inputs['dealRisks'], viewer: Viewer): Outputs['dealRisks'] {
    const scope = resolveOwner(this.data, input.owner, viewer);
    const range = input.quarter === undefined ? undefined : this.quarter(input.quarter);
    const today = this.data.today;
    const flagged = this.data.opportunities
      .filter(
        (o) =>
          isOpen(o.stage) &&
          this.owned(scope, o.ownerId) &&
          (range === undefined || inRange(o.closeDate, range)),
      )
      .map((o) => {
        const daysSinceActivity =
          o.lastActivityDate === null ? null : daysBetween(o.lastActivityDate, today);
        const risks: Outputs['dealRisks']['rows'][number]['risks'] = [];
        if (o.nextStep === null || o.nextStepDate === null || o.nextStepDate < today)
          risks.push('stale_next_step');
        if (o.closeDate < today || o.closeDatePushes > 0) risks.push('slipped_close_date');
        if (o.contactIds.length <= 1) risks.push('single_contact');
        if (daysSinceActivity === null || daysSinceActivity > input.staleDays)
          risks.push('no_recent_activity');
        return { o, risks, daysSinceActivity };
      })
      .filter((f) => f.risks.length > 0)
      .sort((a, b) => b.risks.length - a.risks.length || b.o.amount - a.o.amount);
    return {
      asOf: today,
      staleDays: input.staleDays,
      owner: scope.label,
      quarter: range?.key ?? null,
      total: flagged.length,
      rows: flagged.slice(0, input.limit).map(({ o, risks, daysSinceActivity }) => ({
        opportunityId: o.id,
        name: o.name,
        accountName: this.accountNames.get(o.accountId) ?? o.accountId,
        ownerId: o.ownerId,
        ownerName: this.repName(o.ownerId),
        stage: o.stage,
        amount: o.amount,
        closeDate: o.closeDate,
        risks,
        daysSinceActivity,
      })),
    };
  }

  listReps(viewer: Viewer): Outputs['listReps'] {
    return {
      rows: this.data.reps.filter((r) => viewer.scope.repIds.has(r.id)).map((r) => ({ ...r })),
    };
  }

  private inQuarter(range: QuarterRange, scope: OwnerScope): Opportunity[] {
    return this.data.opportunities.filter(
      (o) => inRange(o.closeDate, range) && this.owned(scope, o.ownerId),
    );
  }
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const round1 = (n: number): number => Math.round(n * 10) / 10;
const pct = (part: number, whole: number): number | null =>
  whole > 0 ? round1((part / whole) * 100) : null;
const average = (values: readonly number[]): number | null =>
  values.length > 0 ? round1(sum(values) / values.length) : null;

function totals(deals: readonly Opportunity[]) {
  const open = deals.filter((o) => isOpen(o.stage));
  return {
    count: deals.length,
    amount: sum(deals.map((o) => o.amount)),
    openAmount: sum(open.map((o) => o.amount)),
    weightedAmount: Math.round(sum(open.map((o) => (o.amount * STAGE_PROBABILITY[o.stage]) / 100))),
    wonAmount: sum(deals.filter((o) => o.stage === 'Closed Won').map((o) => o.amount)),
  };
}

function forecastOf(deals: readonly Opportunity[]) {
  const amount = (stages: readonly string[]): number =>
    sum(deals.filter((o) => stages.includes(o.stage)).map((o) => o.amount));
  const closedWon = amount(['Closed Won']);
  const commit = closedWon + amount(['Negotiation']);
  return {
    closedWon,
    commit,
    bestCase: commit + amount(['Proposal']),
    pipeline: amount(OPEN_STAGES),
  };
}
