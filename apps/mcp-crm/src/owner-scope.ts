import { decodeJwt } from 'jose';
import type { CrmDataset, Rep } from './crm-model.js';

/** Who is calling, as read from the forwarded bearer token. */
export interface CallerIdentity {
  readonly email?: string;
  readonly username?: string;
  readonly subject?: string;
}

/**
 * Reads the caller from `Authorization: Bearer <jwt>`.
 *
 * This demo server trusts the hub that forwards the user's token and only DECODES it. A
 * production server must verify the signature, issuer, audience and expiry (e.g. with
 * jose's jwtVerify against the identity provider's JWKS) before trusting any claim.
 */
export function identityFromAuthorization(
  header: string | string[] | undefined,
): CallerIdentity | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return undefined;
  try {
    const claims = decodeJwt(match[1]);
    const str = (v: unknown): string | undefined =>
      typeof v === 'string' && v.length > 0 ? v : undefined;
    return {
      email: str(claims.email),
      username: str(claims.preferred_username),
      subject: str(claims.sub),
    };
  } catch {
    return undefined;
  }
}

export interface OwnerScope {
  /** What the filter resolved to, e.g. `alex` or `team:morgan`. */
  readonly label: string;
  readonly repIds: ReadonlySet<string>;
}

function findRep(dataset: CrmDataset, text: string): Rep | undefined {
  const needle = text.trim().toLowerCase();
  return dataset.reps.find(
    (r) =>
      r.id === needle ||
      r.email.toLowerCase() === needle ||
      r.name.toLowerCase() === needle ||
      r.name.split(' ')[0]?.toLowerCase() === needle,
  );
}

function scopeFor(dataset: CrmDataset, rep: Rep): OwnerScope {
  if (rep.role === 'rep') return { label: rep.id, repIds: new Set([rep.id]) };
  // A manager's pipeline is their team's.
  const team = dataset.reps.filter((r) => r.managerId === rep.id).map((r) => r.id);
  return { label: `team:${rep.id}`, repIds: new Set(team) };
}

/**
 * Resolves an `owner` argument: a rep id, an email, a name, or `me` (from the caller's token).
 * `undefined` means everyone. Throws an Error that says what is wrong.
 */
export function resolveOwner(
  dataset: CrmDataset,
  owner: string | undefined,
  caller: CallerIdentity | undefined,
): OwnerScope | undefined {
  if (owner === undefined || owner.trim() === '' || owner.trim().toLowerCase() === 'all')
    return undefined;
  if (owner.trim().toLowerCase() === 'me') {
    if (!caller)
      throw new Error(
        'owner "me" needs the signed-in user\'s token, and none was forwarded: pass a rep id or email instead',
      );
    const candidates = [caller.email, caller.username, caller.subject].filter(
      (c): c is string => c !== undefined,
    );
    const rep = candidates.map((c) => findRep(dataset, c)).find((r) => r !== undefined);
    if (!rep) throw new Error('owner "me": the signed-in user is not a rep or manager in this CRM');
    return scopeFor(dataset, rep);
  }
  const rep = findRep(dataset, owner);
  if (!rep) {
    const ids = dataset.reps.map((r) => r.id).join(', ');
    throw new Error(`owner "${owner}" is unknown: use a rep id (${ids}), an email, or "me"`);
  }
  return scopeFor(dataset, rep);
}
