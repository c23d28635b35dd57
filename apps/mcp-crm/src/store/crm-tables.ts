import type { DatabaseSync } from 'node:sqlite';
import type {
  Account,
  Activity,
  ActivityType,
  Contact,
  Opportunity,
  Region,
  Rep,
  Stage,
} from '../crm-model.js';

/**
 * The CRM's tables. `ord` keeps the seeded order, so reads over the store list records in the
 * same order as the generated dataset (and the existing read tools answer exactly as before).
 */
export const CRM_TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reps (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
  role TEXT NOT NULL, manager_id TEXT, region TEXT NOT NULL, quarterly_quota REAL NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL, industry TEXT NOT NULL,
  region TEXT NOT NULL, owner_id TEXT NOT NULL, employees INTEGER NOT NULL, annual_revenue REAL NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, account_id TEXT NOT NULL, name TEXT NOT NULL,
  title TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS opportunities (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, account_id TEXT NOT NULL, name TEXT NOT NULL,
  owner_id TEXT NOT NULL, stage TEXT NOT NULL, amount REAL NOT NULL, created_date TEXT NOT NULL,
  close_date TEXT NOT NULL, close_date_pushes INTEGER NOT NULL, next_step TEXT,
  next_step_date TEXT, last_activity_date TEXT, contact_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS activities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, opportunity_id TEXT NOT NULL,
  account_id TEXT NOT NULL, rep_id TEXT NOT NULL, type TEXT NOT NULL, date TEXT NOT NULL,
  subject TEXT NOT NULL, logged_by TEXT);
CREATE TABLE IF NOT EXISTS discount_requests (
  id TEXT PRIMARY KEY, opportunity_id TEXT NOT NULL, percent REAL NOT NULL, reason TEXT NOT NULL,
  status TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  caller TEXT NOT NULL, key TEXT NOT NULL, tool TEXT NOT NULL, request TEXT NOT NULL,
  result TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (caller, key));
`;

/** Everything the seed and a reset replace (the meta row is rewritten, not dropped). */
export const SEEDED_TABLES = [
  'reps',
  'accounts',
  'contacts',
  'opportunities',
  'activities',
  'discount_requests',
  'idempotency',
] as const;

type Row = Record<string, unknown>;
/** SQLite hands back strings, numbers, bigints, buffers or null; text columns are strings. */
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

export function insertSeed(
  db: DatabaseSync,
  data: {
    reps: readonly Rep[];
    accounts: readonly Account[];
    contacts: readonly Contact[];
    opportunities: readonly Opportunity[];
    activities: readonly Activity[];
  },
): void {
  const rep = db.prepare('INSERT INTO reps VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  data.reps.forEach((r, i) =>
    rep.run(r.id, i, r.name, r.email, r.role, r.managerId, r.region, r.quarterlyQuota),
  );
  const account = db.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  data.accounts.forEach((a, i) =>
    account.run(a.id, i, a.name, a.industry, a.region, a.ownerId, a.employees, a.annualRevenue),
  );
  const contact = db.prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?)');
  data.contacts.forEach((c, i) => contact.run(c.id, i, c.accountId, c.name, c.title, c.email));
  const opportunity = db.prepare(
    'INSERT INTO opportunities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  data.opportunities.forEach((o, i) =>
    opportunity.run(
      o.id,
      i,
      o.accountId,
      o.name,
      o.ownerId,
      o.stage,
      o.amount,
      o.createdDate,
      o.closeDate,
      o.closeDatePushes,
      o.nextStep,
      o.nextStepDate,
      o.lastActivityDate,
      JSON.stringify(o.contactIds),
    ),
  );
  // Seeded newest first; `seq` keeps that order among activities of the same day.
  const activity = db.prepare(
    'INSERT INTO activities (id, opportunity_id, account_id, rep_id, type, date, subject) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const a of data.activities)
    activity.run(a.id, a.opportunityId, a.accountId, a.repId, a.type, a.date, a.subject);
}

export const repFrom = (r: Row): Rep => ({
  id: str(r.id),
  name: str(r.name),
  email: str(r.email),
  role: str(r.role) as Rep['role'],
  managerId: strOrNull(r.manager_id),
  region: str(r.region) as Region,
  quarterlyQuota: Number(r.quarterly_quota),
});

export const accountFrom = (r: Row): Account => ({
  id: str(r.id),
  name: str(r.name),
  industry: str(r.industry),
  region: str(r.region) as Region,
  ownerId: str(r.owner_id),
  employees: Number(r.employees),
  annualRevenue: Number(r.annual_revenue),
});

export const contactFrom = (r: Row): Contact => ({
  id: str(r.id),
  accountId: str(r.account_id),
  name: str(r.name),
  title: str(r.title),
  email: str(r.email),
});

export const opportunityFrom = (r: Row): Opportunity => ({
  id: str(r.id),
  accountId: str(r.account_id),
  name: str(r.name),
  ownerId: str(r.owner_id),
  stage: str(r.stage) as Stage,
  amount: Number(r.amount),
  createdDate: str(r.created_date),
  closeDate: str(r.close_date),
  closeDatePushes: Number(r.close_date_pushes),
  nextStep: strOrNull(r.next_step),
  nextStepDate: strOrNull(r.next_step_date),
  lastActivityDate: strOrNull(r.last_activity_date),
  contactIds: JSON.parse(str(r.contact_ids)) as string[],
});

export const activityFrom = (r: Row): Activity => ({
  id: str(r.id),
  opportunityId: str(r.opportunity_id),
  accountId: str(r.account_id),
  repId: str(r.rep_id),
  type: str(r.type) as ActivityType,
  date: str(r.date),
  subject: str(r.subject),
});
