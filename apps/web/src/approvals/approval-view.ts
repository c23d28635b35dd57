import type { RouterOutputs } from '@salescoach/api';

/**
 * What the approval screens need of an approval (the shape `approvals.list|get|events`
 * return), and the plain rules the cards show: who decides, whether this viewer may, the
 * deal it is about, its arguments as readable rows.
 */

/** A request for approval as `approvals.list|get|decide|events` return it. */
export type ApprovalView = RouterOutputs['approvals']['get'];
export type ApprovalStatus = ApprovalView['status'];
export type ApprovalResultView = NonNullable<ApprovalView['result']>;

export interface Viewer {
  readonly id: string;
  readonly roles: readonly string[];
}

/** Who must decide, as a sentence fragment: "Alex Rivera (the asker)" or "a Manager". */
export function whoDecides(approval: Pick<ApprovalView, 'policy' | 'askedBy'>): string {
  if (approval.policy === 'none') return 'nobody';
  return approval.policy === 'self'
    ? `${approval.askedBy.name} (the asker)`
    : `a ${approval.policy.role}`;
}

/**
 * Whether to offer "Approve" and "Reject" to this viewer (the server decides for real):
 * the asker for `self`, holders of the role for a role.
 */
export function mayDecide(
  approval: Pick<ApprovalView, 'policy' | 'askedBy' | 'status'>,
  viewer: Viewer,
): boolean {
  if (approval.status !== 'pending' || approval.policy === 'none') return false;
  return approval.policy === 'self'
    ? approval.askedBy.id === viewer.id
    : viewer.roles.includes(approval.policy.role);
}

const NAME_KEYS = ['opportunityName', 'dealName', 'opportunity', 'accountName', 'account'];

/** The deal (or account) the request is about, when its arguments name it. */
export function dealNameOf(args: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of NAME_KEYS) {
    const value = args[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/** "update_stage" → "update stage"; "nextStepDate" → "Next step date". */
export function toolLabel(tool: string): string {
  return tool.replaceAll('_', ' ');
}

export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value as it was sent (numbers, text, yes/no), never reformatted into something else. */
export function argumentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

/** The arguments as label/value rows, in the order they were sent. */
export function argumentRows(
  args: Readonly<Record<string, unknown>>,
): { name: string; label: string; value: string }[] {
  return Object.entries(args).map(([name, value]) => ({
    name,
    label: fieldLabel(name),
    value: argumentText(value),
  }));
}

export const STATUS_TEXT: Record<ApprovalStatus, string> = {
  pending: 'waiting for a decision',
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
};

/** Where the request was made, as an address in this app. */
export function conversationHref(conversation: ApprovalView['conversation']): string {
  switch (conversation.kind) {
    case 'group':
      return `/groups/${encodeURIComponent(conversation.id)}`;
    default:
      return `/chat/${encodeURIComponent(conversation.id)}`;
  }
}

/** "4 min 05 s", "59 s", "2 h 03 min"; null once it is past. */
export function timeLeftText(expiresAt: string, now: number): string | null {
  const ms = Date.parse(expiresAt) - now;
  if (!(ms > 0)) return null;
  const seconds = Math.ceil(ms / 1_000);
  const h = Math.floor(seconds / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}
