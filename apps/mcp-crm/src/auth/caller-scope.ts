import type { CrmDataset, Rep } from '../crm-model.js';
import type { VerifiedCaller } from './crm-token-verifier.js';

export interface OwnerScope {
  /** What the filter resolved to, e.g. `alex` or `team:morgan`. */
  readonly label: string;
  readonly repIds: ReadonlySet<string>;
}

/** What a verified caller may see: a rep their own deals, a manager their team's, anyone else nothing. */
export interface Viewer {
  readonly rep: Rep;
  readonly scope: OwnerScope;
}

/** Thrown when the caller may see no CRM data at all, or not the data asked for. */
export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
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
  return { label: `team:${rep.id}`, repIds: new Set([rep.id, ...team]) };
}

/**
 * The viewer behind a verified caller, matched on the token's e-mail only (never on a name
 * or an argument). A service token, or a person who is no rep or manager here, sees nothing.
 */
export function viewerOf(dataset: CrmDataset, caller: VerifiedCaller | undefined): Viewer {
  const email = caller?.email?.toLowerCase();
  const rep =
    email === undefined ? undefined : dataset.reps.find((r) => r.email.toLowerCase() === email);
  if (!rep)
    throw new AccessDenied(
      'the signed-in user is not a rep or manager in this CRM, so it shows them no data',
    );
  return { rep, scope: scopeFor(dataset, rep) };
}

/**
 * The viewer for an aggregate read (totals, no deal rows): a person as `viewerOf`; a service
 * (a client-credentials token, no e-mail) only when its subject is one of `readers`, and then
 * only for the rep or manager it names in `owner` (a manager's team). Anyone else sees nothing.
 */
export function aggregateViewerOf(
  dataset: CrmDataset,
  caller: VerifiedCaller | undefined,
  owner: string | undefined,
  readers: ReadonlySet<string>,
): Viewer {
  if (caller?.email !== undefined || !caller || !readers.has(caller.subject))
    return viewerOf(dataset, caller);
  const asked = owner?.trim().toLowerCase() ?? '';
  const rep =
    asked === '' || asked === 'all' || asked === 'me' ? undefined : findRep(dataset, asked);
  if (!rep)
    throw new AccessDenied(
      'a service reads totals only for a named rep or manager: give `owner` (a rep id or e-mail)',
    );
  return { rep, scope: scopeFor(dataset, rep) };
}

/**
 * Resolves an `owner` argument within what the viewer may see: none, `all` or `me` is the
 * viewer's own scope; a rep id, e-mail or name must lie inside it. Throws saying what is wrong.
 */
export function resolveOwner(
  dataset: CrmDataset,
  owner: string | undefined,
  viewer: Viewer,
): OwnerScope {
  const asked = owner?.trim().toLowerCase() ?? '';
  if (asked === '' || asked === 'all' || asked === 'me') return viewer.scope;
  const rep = findRep(dataset, asked);
  if (!rep) {
    const ids = [...viewer.scope.repIds].join(', ');
    throw new Error(`owner "${owner}" is unknown: use a rep id you may see (${ids}), or "me"`);
  }
  const scope = scopeFor(dataset, rep);
  if (![...scope.repIds].every((id) => viewer.scope.repIds.has(id)))
    throw new AccessDenied(
      `owner "${owner}" is outside what you may see (${viewer.rep.role === 'rep' ? 'your own deals' : "your team's deals"})`,
    );
  return scope;
}
