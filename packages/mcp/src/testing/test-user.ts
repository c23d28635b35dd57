import type { User } from '@salescoach/domain';

/** A dev-tenant user for hub tests: id `dev:<name>`, in the Sales role unless `roles` says. */
export const testUser = (name: string, roles: readonly string[] = ['Sales']): User => ({
  id: `dev:${name}`,
  tenantId: 'dev',
  name,
  email: `${name}@example.test`,
  roles: [...roles],
});
