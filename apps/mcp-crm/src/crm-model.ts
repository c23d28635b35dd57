/** The CRM's records and their fixed vocabularies. */
export const STAGES = [
  'Prospecting',
  'Qualification',
  'Proposal',
  'Negotiation',
  'Closed Won',
  'Closed Lost',
] as const;
export type Stage = (typeof STAGES)[number];
export const OPEN_STAGES: readonly Stage[] = [
  'Prospecting',
  'Qualification',
  'Proposal',
  'Negotiation',
];
export const STAGE_PROBABILITY: Record<Stage, number> = {
  Prospecting: 10,
  Qualification: 20,
  Proposal: 50,
  Negotiation: 75,
  'Closed Won': 100,
  'Closed Lost': 0,
};
export const isOpen = (stage: Stage): boolean => stage !== 'Closed Won' && stage !== 'Closed Lost';

export const REGIONS = ['West', 'East', 'Central', 'EMEA'] as const;
export type Region = (typeof REGIONS)[number];
/** `note` is written by the rep (log_activity); the seeded dataset has customer touches only. */
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface Rep {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'rep' | 'manager';
  readonly managerId: string | null;
  readonly region: Region;
  /** Quota per quarter, in USD (0 for managers: their quota is their team's). */
  readonly quarterlyQuota: number;
}

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly industry: string;
  readonly region: Region;
  readonly ownerId: string;
  readonly employees: number;
  readonly annualRevenue: number;
}

export interface Contact {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly title: string;
  readonly email: string;
}

export interface Opportunity {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly stage: Stage;
  readonly amount: number;
  readonly createdDate: string;
  readonly closeDate: string;
  /** How many times the close date was pushed out. */
  readonly closeDatePushes: number;
  readonly nextStep: string | null;
  readonly nextStepDate: string | null;
  readonly lastActivityDate: string | null;
  readonly contactIds: readonly string[];
}

export interface Activity {
  readonly id: string;
  readonly opportunityId: string;
  readonly accountId: string;
  readonly repId: string;
  readonly type: ActivityType;
  readonly date: string;
  readonly subject: string;
}

export interface CrmDataset {
  /** The day the dataset was generated for (ISO date). */
  readonly today: string;
  readonly reps: readonly Rep[];
  readonly accounts: readonly Account[];
  readonly contacts: readonly Contact[];
  readonly opportunities: readonly Opportunity[];
  readonly activities: readonly Activity[];
}
