import { addDays, daysBetween, quarterOf, shiftQuarter, toIsoDate } from './calendar.js';
import { createPrng, type Prng } from './prng.js';
import {
  type Account,
  type Activity,
  type ActivityType,
  type Contact,
  type CrmDataset,
  isOpen,
  type Opportunity,
  REGIONS,
  type Rep,
  type Stage,
} from './crm-model.js';
import {
  ACTIVITY_SUBJECTS,
  FIRST_NAMES,
  INDUSTRY_BY_SUFFIX,
  LAST_NAMES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  NEXT_STEPS,
  PRODUCTS,
  TITLES,
} from './dataset-vocabulary.js';

export const DEFAULT_SEED = 20_251_001;

function buildReps(prng: Prng): Rep[] {
  const reps: Rep[] = [
    {
      id: 'morgan',
      name: 'Morgan Lee',
      email: 'morgan@salescoach.dev',
      role: 'manager',
      managerId: null,
      region: 'West',
      quarterlyQuota: 0,
    },
    {
      id: 'alex',
      name: 'Alex Rivera',
      email: 'alex@salescoach.dev',
      role: 'rep',
      managerId: 'morgan',
      region: 'West',
      quarterlyQuota: 450_000,
    },
    {
      id: 'sam',
      name: 'Sam Chen',
      email: 'sam@salescoach.dev',
      role: 'rep',
      managerId: 'morgan',
      region: 'East',
      quarterlyQuota: 400_000,
    },
  ];
  const used = new Set(['morgan', 'alex', 'sam']);
  const people: { first: string; last: string }[] = [];
  while (people.length < 5) {
    const first = prng.pick(FIRST_NAMES);
    if (used.has(first.toLowerCase())) continue;
    used.add(first.toLowerCase());
    people.push({ first, last: prng.pick(LAST_NAMES) });
  }
  const [manager, ...generated] = people;
  if (!manager) throw new Error('no manager generated');
  const managerId = manager.first.toLowerCase();
  reps.push({
    id: managerId,
    name: `${manager.first} ${manager.last}`,
    email: `${managerId}@salescoach.dev`,
    role: 'manager',
    managerId: null,
    region: 'Central',
    quarterlyQuota: 0,
  });
  generated.forEach(({ first, last }, i) => {
    const id = first.toLowerCase();
    // The first generated rep joins Morgan's team; the others report to the second manager.
    reps.push({
      id,
      name: `${first} ${last}`,
      email: `${id}@salescoach.dev`,
      role: 'rep',
      managerId: i === 0 ? 'morgan' : managerId,
      region: REGIONS[(i + 2) % REGIONS.length] ?? 'Central',
      quarterlyQuota: prng.int(30, 55) * 10_000,
    });
  });
  return reps;
}

function buildAccounts(
  prng: Prng,
  reps: readonly Rep[],
): { accounts: Account[]; contacts: Contact[] } {
  const sellers = reps.filter((r) => r.role === 'rep');
  const accounts: Account[] = [];
  const contacts: Contact[] = [];
  const names = new Set<string>();
  while (accounts.length < 150) {
    const suffix = prng.pick(NAME_SUFFIXES);
    const name = `${prng.pick(NAME_PREFIXES)} ${suffix}`;
    if (names.has(name)) continue;
    names.add(name);
    const owner = prng.pick(sellers);
    const id = `acc-${String(accounts.length + 1).padStart(3, '0')}`;
    accounts.push({
      id,
      name,
      industry: INDUSTRY_BY_SUFFIX[suffix] ?? 'Other',
      region: prng.chance(0.7) ? owner.region : prng.pick(REGIONS),
      ownerId: owner.id,
      employees: prng.int(2, 400) * 25,
      annualRevenue: prng.int(5, 2_000) * 1_000_000,
    });
    const domain = name.toLowerCase().replace(/[^a-z]+/g, '') + '.example';
    for (let c = prng.int(1, 4); c > 0; c--) {
      const first = prng.pick(FIRST_NAMES);
      const last = prng.pick(LAST_NAMES);
      contacts.push({
        id: `con-${String(contacts.length + 1).padStart(4, '0')}`,
        accountId: id,
        name: `${first} ${last}`,
        title: prng.pick(TITLES),
        email: `${first}.${last}@${domain}`.toLowerCase(),
      });
    }
  }
  return { accounts, contacts };
}

function pickStage(prng: Prng, closeDate: string, today: string): Stage {
  if (closeDate < today) {
    // Past close dates are mostly decided; the rest slipped and are still open.
    return prng.weighted<Stage>([
      ['Closed Won', 38],
      ['Closed Lost', 44],
      ['Negotiation', 6],
      ['Proposal', 7],
      ['Qualification', 5],
    ]);
  }
  const daysOut = daysBetween(today, closeDate);
  if (daysOut <= 45) {
    return prng.weighted<Stage>([
      ['Closed Won', 8],
      ['Negotiation', 30],
      ['Proposal', 32],
      ['Qualification', 18],
      ['Prospecting', 8],
      ['Closed Lost', 4],
    ]);
  }
  return prng.weighted<Stage>([
    ['Negotiation', 8],
    ['Proposal', 22],
    ['Qualification', 35],
    ['Prospecting', 35],
  ]);
}

function amountFor(prng: Prng): number {
  const base = Math.exp(Math.log(6_000) + prng.next() * Math.log(40));
  return Math.round(base / 500) * 500;
}

export function generateDataset(seed: number = DEFAULT_SEED, now: Date = new Date()): CrmDataset {
  const prng = createPrng(seed);
  const today = toIsoDate(now);
  const reps = buildReps(prng);
  const { accounts, contacts } = buildAccounts(prng, reps);
  const contactsByAccount = new Map<string, Contact[]>();
  for (const c of contacts)
    contactsByAccount.set(c.accountId, [...(contactsByAccount.get(c.accountId) ?? []), c]);

  // Four quarters around today: the two before this one, this one, and the next.
  const current = quarterOf(today);
  const window = { start: shiftQuarter(current, -2).start, end: shiftQuarter(current, 1).end };
  const span = daysBetween(window.start, window.end);

  const opportunities: Opportunity[] = [];
  const activities: Activity[] = [];
  for (let i = 0; i < 600; i++) {
    const account = prng.pick(accounts);
    const ownerId = prng.chance(0.85)
      ? account.ownerId
      : prng.pick(reps.filter((r) => r.role === 'rep')).id;
    const closeDate = addDays(window.start, prng.int(0, span));
    const stage = pickStage(prng, closeDate, today);
    const cycle = prng.int(20, 150);
    const createdDate =
      addDays(closeDate, -cycle) < today
        ? addDays(closeDate, -cycle)
        : addDays(today, -prng.int(1, 30));
    const open = isOpen(stage);
    const pushes =
      open && closeDate < today ? prng.int(1, 3) : prng.chance(0.15) ? prng.int(1, 2) : 0;
    const accountContacts = contactsByAccount.get(account.id) ?? [];
    const contactCount = Math.min(
      accountContacts.length,
      prng.weighted([
        [1, 35],
        [2, 40],
        [3, 25],
      ]),
    );
    const contactIds = accountContacts.slice(0, contactCount).map((c) => c.id);
    const id = `opp-${String(i + 1).padStart(4, '0')}`;

    // Activities between creation and the earlier of today and the close date.
    const activityEnd = closeDate < today ? closeDate : today;
    const goneQuiet = open && prng.chance(0.25);
    const lastPossible = goneQuiet ? addDays(activityEnd, -prng.int(15, 60)) : activityEnd;
    const window2 = Math.max(0, daysBetween(createdDate, lastPossible));
    let lastActivityDate: string | null = null;
    for (let a = prng.int(0, 8); a > 0 && lastPossible >= createdDate; a--) {
      const type = prng.weighted<Exclude<ActivityType, 'note'>>([
        ['email', 40],
        ['call', 30],
        ['meeting', 20],
        ['demo', 10],
      ]);
      const date = addDays(createdDate, prng.int(0, window2));
      activities.push({
        id: `act-${String(activities.length + 1).padStart(5, '0')}`,
        opportunityId: id,
        accountId: account.id,
        repId: ownerId,
        type,
        date,
        subject: prng.pick(ACTIVITY_SUBJECTS[type]),
      });
      if (lastActivityDate === null || date > lastActivityDate) lastActivityDate = date;
    }

    const hasNextStep = open && prng.chance(0.85);
    opportunities.push({
      id,
      accountId: account.id,
      name: `${account.name} – ${prng.pick(PRODUCTS)}`,
      ownerId,
      stage,
      amount: amountFor(prng),
      createdDate,
      closeDate,
      closeDatePushes: pushes,
      nextStep: hasNextStep ? prng.pick(NEXT_STEPS) : null,
      nextStepDate: hasNextStep ? addDays(today, prng.int(-30, 21)) : null,
      lastActivityDate,
      contactIds,
    });
  }
  activities.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return { today, reps, accounts, contacts, opportunities, activities };
}
