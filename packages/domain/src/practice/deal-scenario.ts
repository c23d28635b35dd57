import type { AccountDetail, DealRow } from './crm-reader.js';
import type { Difficulty, HiddenFact, Objection, Scenario, ScenarioKind } from './scenario.js';

/** What a call at each stage of a deal practises. */
const KIND_BY_STAGE: Record<string, ScenarioKind> = {
  Prospecting: 'cold-call',
  Qualification: 'discovery',
  Proposal: 'objection',
  Negotiation: 'negotiation',
};

const METHODOLOGY_BY_KIND: Record<ScenarioKind, string[]> = {
  discovery: ['meddicc', 'discovery', 'closing'],
  objection: ['objection-handling', 'discovery', 'closing'],
  negotiation: ['meddicc', 'objection-handling', 'closing'],
  closing: ['closing', 'meddicc'],
  'cold-call': ['discovery', 'closing'],
};

const OBJECTIONS_BY_KIND: Record<ScenarioKind, Objection[]> = {
  'cold-call': [
    { when: 'early', text: "I'm between meetings. What is this about?" },
    { when: 'pitch', text: 'We already have something for that, thanks.' },
  ],
  discovery: [
    {
      when: 'pitch',
      text: "We've seen a lot of demos. How is this different from what we tried before?",
    },
    { when: 'commitment', text: "Let's not rush. I'm not sure yet this is a priority for us." },
  ],
  objection: [
    {
      when: 'early',
      text: 'I looked at your proposal. Honestly, the price is higher than we planned.',
    },
    { when: 'price', text: 'Another vendor quoted us noticeably less. Can you match it?' },
    { when: 'commitment', text: "I can't move forward until the price works for us." },
  ],
  negotiation: [
    {
      when: 'early',
      text: 'We want to sign, but we need a better discount to get it through this quarter.',
    },
    { when: 'price', text: "That's not much of a discount. Finance expects more." },
    { when: 'commitment', text: "Don't push me on dates until the terms are fixed." },
  ],
  closing: [{ when: 'commitment', text: 'Let me think about it and get back to you.' }],
};

const COMPETITORS = [
  'RouteMaster',
  'HelpDeskly',
  'ForecastPro',
  'Tailspin Software',
  'their current spreadsheets',
];

const PAINS: Record<string, string> = {
  default:
    'Too much of our work is still manual, and people spend hours on things a system should do.',
  Retail:
    'Our stores and head office work from different numbers, and every month-end is a fire drill.',
  Healthcare:
    'Our clinical staff lose hours every week to scheduling and paperwork instead of patients.',
  Manufacturing:
    'Problems on the plant floor reach the right people too late, and lines stop because of it.',
  Finance: 'Reporting takes our analysts days every month, and the auditors keep finding gaps.',
  Technology: "We've grown fast and our processes haven't kept up; things fall through the cracks.",
};

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

const usd = (n: number): string =>
  n >= 1_000_000 ? `$${(n / 1_000_000).toFixed(1)}M` : `$${Math.round(n / 1_000)}k`;

const SENIOR = /\b(chief|cfo|ceo|coo|cro|cto|cio|vp|vice president|president|head|director)\b/i;

export function dealScenarioId(opportunityId: string): string {
  return `deal-${opportunityId.toLowerCase()}`;
}

/** The opportunity id of a deal scenario id, or undefined for a library id. */
export function opportunityOfScenarioId(scenarioId: string): string | undefined {
  return scenarioId.startsWith('deal-') ? scenarioId.slice('deal-'.length) : undefined;
}

export function kindForStage(stage: string): ScenarioKind {
  return KIND_BY_STAGE[stage] ?? 'discovery';
}

export function dealScenarioTitle(deal: Pick<DealRow, 'name' | 'stage'>): string {
  return `${deal.name} (${deal.stage})`;
}

/**
 * A buyer built from one of the user's open deals: the account's contact as the persona,
 * the real stage, amount, people and history as background, and hidden facts derived from
 * them (budget from the amount, the senior contact as the approver, …).
 */
export function buildDealScenario(
  deal: DealRow,
  detail: AccountDetail,
  createdBy: string,
  difficulty: Difficulty = 'realistic',
): Scenario {
  const kind = kindForStage(deal.stage);
  const h = hashOf(deal.id);
  const contacts = detail.contacts;
  const buyer = contacts[h % Math.max(contacts.length, 1)] ?? {
    name: 'Jordan Lee',
    title: 'Operations Manager',
  };
  const approver = contacts.find((c) => c !== buyer && SENIOR.test(c.title)) ??
    contacts.find((c) => c !== buyer) ?? { name: 'our CFO', title: 'CFO' };
  const ally = contacts.find((c) => c !== buyer && c !== approver);
  const competitor = COMPETITORS[h % COMPETITORS.length] ?? COMPETITORS[0];
  const budget = deal.amount * (kind === 'objection' || kind === 'negotiation' ? 0.8 : 1.1);
  const company = detail.account.name;
  const facts: HiddenFact[] = [
    { kind: 'pain', text: PAINS[detail.account.industry] ?? PAINS.default ?? '' },
    {
      kind: 'metrics',
      text: `We think it costs us a few hundred hours a quarter. If this works we'd want to see that cut in half.`,
    },
    {
      kind: 'budget',
      text: `We have about ${usd(budget)} for this.${budget < deal.amount ? ' Your number is above that.' : ''}`,
    },
    {
      kind: 'economic-buyer',
      text: `${approver.name}, our ${approver.title}, signs off on the money.`,
    },
    {
      kind: 'decision-process',
      text: `I recommend, ${approver.name} approves, and then legal and a security review take about two weeks.`,
    },
    {
      kind: 'decision-criteria',
      text: 'It has to fit the tools we already use, pass security, and be easy enough that people actually use it.',
    },
    { kind: 'competitor', text: `To be fair, we're also looking at ${competitor}.` },
    {
      kind: 'champion',
      text: ally
        ? `${ally.name} (${ally.title}) has been pushing for this and would back it.`
        : "I'm the one pushing for this internally, but I need something to take upstairs.",
    },
    { kind: 'timeline', text: `We'd want it decided before ${deal.closeDate}.` },
  ];
  const history = detail.recentActivities
    .slice(0, 3)
    .map((a) => `${a.date}: ${a.type} — ${a.subject}`);
  return {
    id: dealScenarioId(deal.id),
    title: dealScenarioTitle(deal),
    kind,
    difficulty,
    brief: `A ${kind} call on your real deal ${deal.name}: ${deal.stage}, ${usd(deal.amount)}, closing ${deal.closeDate}. Earn the buyer's facts with good questions and leave with a dated next step.`,
    persona: {
      name: buyer.name,
      title: buyer.title,
      company,
      style: 'Busy and polite; answers what is asked, gives details only to good open questions.',
      goals: ['Solve the problem without a risky rollout', 'Not overpay'],
      opening:
        kind === 'cold-call'
          ? `Hello, ${buyer.name.split(' ')[0]} speaking.`
          : `Hi, it's ${buyer.name.split(' ')[0]} from ${company}. You wanted to talk?`,
      hiddenFacts: facts,
      objections: OBJECTIONS_BY_KIND[kind],
      background: [
        `The deal: ${deal.name}, stage ${deal.stage}, ${usd(deal.amount)}, expected to close ${deal.closeDate}.`,
        `The company: ${company}, ${detail.account.industry}, about ${detail.account.employees} employees.`,
        ...(deal.nextStep ? [`Agreed next step so far: ${deal.nextStep}.`] : []),
        ...(history.length > 0 ? [`Recent contact: ${history.join('; ')}.`] : []),
        `People at ${company}: ${contacts.map((c) => `${c.name} (${c.title})`).join(', ') || 'unknown'}.`,
      ],
    },
    grounding: { opportunityId: deal.id, accountId: deal.accountId },
    methodology: METHODOLOGY_BY_KIND[kind],
    createdBy,
  };
}
