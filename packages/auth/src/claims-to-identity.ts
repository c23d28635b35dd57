import { userSchema } from '@salescoach/domain';
import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error.js';
import type { VerifiedIdentity } from './token-verifier.js';

/** The app role service identities carry (the team digest's). */
export const SERVICE_ROLE = 'Service';

const nonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

/**
 * Maps verified claims to a user keyed on tenant + object id (`tid:oid`), never on email.
 * A token without a non-empty `roles` array is refused: every user holds at least one role.
 */
export function claimsToIdentity(payload: JWTPayload, expectedTenantId?: string): VerifiedIdentity {
  const {
    tid,
    oid,
    roles,
    groups,
    name,
    email,
    preferred_username: preferredUsername,
    exp,
    idtyp,
  } = payload as JWTPayload & Record<string, unknown>;
  if (!nonEmptyString(tid)) throw new AuthError('invalid', 'claim:tid');
  if (expectedTenantId !== undefined && tid !== expectedTenantId)
    throw new AuthError('invalid', 'claim:tid');
  if (!nonEmptyString(oid)) throw new AuthError('invalid', 'claim:oid');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(nonEmptyString)) {
    throw new AuthError('invalid', 'claim:roles');
  }
  if (typeof exp !== 'number') throw new AuthError('invalid', 'claim:exp');

  const mail = nonEmptyString(email)
    ? email
    : nonEmptyString(preferredUsername)
      ? preferredUsername
      : '';
  const parsed = userSchema.safeParse({
    id: `${tid}:${oid}`,
    tenantId: tid,
    name: nonEmptyString(name) ? name : mail || oid,
    email: mail,
    roles: [...new Set(roles)],
    // Entra group ids, when the app registration emits them: the team directory maps them to teams.
    ...(Array.isArray(groups) && groups.every(nonEmptyString)
      ? { groups: [...new Set(groups)] }
      : {}),
  });
  if (!parsed.success) throw new AuthError('invalid', 'claims');
  return {
    user: parsed.data,
    expiresAt: exp * 1000,
    // An app-only token (`idtyp: "app"`), or one carrying the `Service` app role: a service.
    kind: idtyp === 'app' || parsed.data.roles.includes(SERVICE_ROLE) ? 'service' : 'user',
  };
}
