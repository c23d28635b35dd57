import type { Viewer } from '../auth/caller-scope.js';
import { parseIsoDate, toIsoDate } from '../calendar.js';
import { isOpen, type Opportunity, STAGE_PROBABILITY } from '../crm-model.js';
import type { CrmStore } from '../store/crm-store.js';
import type { OpportunityView, WriteInputs, WriteOutputs } from './write-schemas.js';

type Change = WriteOutputs['updateStage']['changes'][number];
type Update = WriteOutputs['updateStage'];

/** Only the chosen opportunity and the values to write: which deal was settled before. */
type Values<K extends keyof WriteInputs> = Omit<
  WriteInputs[K],
  'opportunityId' | 'opportunity' | 'idempotencyKey'
>;

const COLUMNS = {
  nextStep: 'next_step',
  nextStepDate: 'next_step_date',
  closeDate: 'close_date',
  closeDatePushes: 'close_date_pushes',
  stage: 'stage',
  amount: 'amount',
  lastActivityDate: 'last_activity_date',
} as const;
type Column = keyof typeof COLUMNS;

/**
 * The CRM's changes. Each applies to one opportunity the caller may change (settled by
 * `resolveOpportunity`), checks its values against today and the deal's state, and must run
 * inside `store.transaction` (it throws an Error saying what is wrong, and nothing is written).
 */
export class CrmWrites {
  constructor(private readonly store: CrmStore) {}

  private current(id: string): Opportunity {
    const found = this.store.dataset().opportunities.find((o) => o.id === id);
    if (!found) throw new Error(`opportunity "${id}" no longer exists`);
    return found;
  }

  view(id: string): OpportunityView {
    const data = this.store.dataset();
    const o = this.current(id);
    return {
      id: o.id,
      name: o.name,
      accountId: o.accountId,
      accountName: data.accounts.find((a) => a.id === o.accountId)?.name ?? o.accountId,
      ownerId: o.ownerId,
      ownerName: data.reps.find((r) => r.id === o.ownerId)?.name ?? o.ownerId,
      stage: o.stage,
      amount: o.amount,
      probability: STAGE_PROBABILITY[o.stage],
      closeDate: o.closeDate,
      nextStep: o.nextStep,
      nextStepDate: o.nextStepDate,
      lastActivityDate: o.lastActivityDate,
    };
  }

  private set(id: string, values: Partial<Record<Column, string | number | null>>): void {
    const entries = Object.entries(values) as [Column, string | number | null][];
    const assignments = entries.map(([field]) => `${COLUMNS[field]} = ?`).join(', ');
    this.store.execute(
      'opportunities',
      `UPDATE opportunities SET ${assignments} WHERE id = ?`,
      ...entries.map(([, v]) => v),
      id,
    );
  }

  private update(
    id: string,
    values: Partial<Record<Column, string | number | null>>,
    shown: readonly Column[],
  ): Update {
    const before = this.current(id);
    const changes: Change[] = shown
      .filter((field) => before[field] !== values[field])
      .map((field) => ({ field, previous: before[field], current: values[field] ?? null }));
    if (changes.length > 0) this.set(id, values);
    return { opportunity: this.view(id), changed: changes.length > 0, changes };
  }

  private notBefore(what: string, date: string): void {
    if (toIsoDate(parseIsoDate(date)) !== date)
      throw new Error(`${what} ${date} is not a real date`);
    const today = this.store.todayIso;
    if (date < today) throw new Error(`${what} ${date} is in the past (today is ${today})`);
  }

  private mustBeOpen(o: Opportunity, what: string): void {
    if (!isOpen(o.stage))
      throw new Error(
        `${o.id} is ${o.stage}: a closed deal's ${what} does not change (move its stage first)`,
      );
  }

  logActivity(
    id: string,
    input: Values<'logActivity'>,
    viewer: Viewer,
  ): WriteOutputs['logActivity'] {
    const o = this.current(id);
    const today = this.store.todayIso;
    const occurredAt = (input.occurredAt ?? today).slice(0, 10);
    if (
      Number.isNaN(Date.parse(input.occurredAt ?? today)) ||
      toIsoDate(parseIsoDate(occurredAt)) !== occurredAt
    )
      throw new Error(`occurredAt "${input.occurredAt}" is not a real date`);
    if (occurredAt > today)
      throw new Error(
        `occurredAt ${occurredAt} is in the future (today is ${today}): log what happened`,
      );
    const activityId = this.store.nextId('activities', 'act-', 5);
    this.store.execute(
      'activities',
      'INSERT INTO activities (id, opportunity_id, account_id, rep_id, type, date, subject, logged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      activityId,
      o.id,
      o.accountId,
      o.ownerId,
      input.kind,
      occurredAt,
      input.summary,
      viewer.rep.id,
    );
    // A note is the rep's own record, not a touch with the customer.
    if (input.kind !== 'note' && (o.lastActivityDate === null || occurredAt > o.lastActivityDate))
      this.set(o.id, { lastActivityDate: occurredAt });
    return {
      activity: {
        id: activityId,
        opportunityId: o.id,
        kind: input.kind,
        summary: input.summary,
        occurredAt,
        loggedBy: viewer.rep.id,
      },
      opportunity: this.view(o.id),
    };
  }

  updateNextStep(id: string, input: Values<'updateNextStep'>): Update {
    this.mustBeOpen(this.current(id), 'next step');
    this.notBefore('nextStepDate', input.nextStepDate);
    return this.update(id, { nextStep: input.nextStep, nextStepDate: input.nextStepDate }, [
      'nextStep',
      'nextStepDate',
    ]);
  }

  updateCloseDate(id: string, input: Values<'updateCloseDate'>): Update {
    const o = this.current(id);
    this.mustBeOpen(o, 'close date');
    this.notBefore('closeDate', input.closeDate);
    // Pushing the date out is counted: slipped deals are a risk the reads report.
    const pushes = o.closeDatePushes + (input.closeDate > o.closeDate ? 1 : 0);
    return this.update(id, { closeDate: input.closeDate, closeDatePushes: pushes }, ['closeDate']);
  }

  updateStage(id: string, input: Values<'updateStage'>): Update {
    return this.update(id, { stage: input.stage }, ['stage']);
  }

  updateAmount(id: string, input: Values<'updateAmount'>): Update {
    this.mustBeOpen(this.current(id), 'amount');
    return this.update(id, { amount: input.amount }, ['amount']);
  }

  requestDiscount(
    id: string,
    input: Values<'requestDiscount'>,
    viewer: Viewer,
  ): WriteOutputs['requestDiscount'] {
    const o = this.current(id);
    this.mustBeOpen(o, 'price');
    const requestId = this.store.nextId('discount_requests', 'dsc-', 4);
    const requestedAt = new Date().toISOString();
    this.store.execute(
      'discount_requests',
      'INSERT INTO discount_requests VALUES (?, ?, ?, ?, ?, ?, ?)',
      requestId,
      o.id,
      input.percent,
      input.reason,
      'requested',
      viewer.rep.id,
      requestedAt,
    );
    return {
      discountRequest: {
        id: requestId,
        opportunityId: o.id,
        percent: input.percent,
        reason: input.reason,
        status: 'requested',
        requestedBy: viewer.rep.id,
        requestedAt,
        listAmount: o.amount,
        discountedAmount: Math.round(o.amount * (100 - input.percent)) / 100,
      },
      opportunity: this.view(o.id),
    };
  }
}
