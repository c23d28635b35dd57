import { z } from 'zod';

/** Roles a token may carry. Entra app roles use these names. */
export const KNOWN_ROLES = ['Sales', 'Manager', 'HR', 'Admin'] as const;
export const roleSchema = z.string().min(1).max(64);
export type Role = z.infer<typeof roleSchema>;

/**
 * The signed-in person. It comes from a verified token only: `id` is `tenantId:objectId`
 * for Entra ID (never an email), the dev user's name in dev mode.
 */
export const userSchema = z.object({
  id: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  email: z.string().max(320),
  roles: z.array(roleSchema),
  /** Entra ID group object ids from the token's `groups` claim (entra mode); used for team mapping. */
  groups: z.array(z.string().min(1).max(100)).max(500).optional(),
});
export type User = z.infer<typeof userSchema>;

export function hasRole(user: Pick<User, 'roles'>, role: Role): boolean {
  return user.roles.includes(role);
}

/** The role a 1-on-1 session runs with: the first known role the user holds. */
export function primaryRole(user: Pick<User, 'roles'>): Role | undefined {
  return KNOWN_ROLES.find((r) => user.roles.includes(r)) ?? user.roles[0];
}
