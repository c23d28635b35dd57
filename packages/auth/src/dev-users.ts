import type { Role } from '@salescoach/domain';

export interface DevUser {
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
}

/** Tenant id of the local dev issuer: dev users' ids are `dev:<key>`. */
export const DEV_TENANT_ID = 'dev';

/** Demo users of the local dev issuer (DESIGN §8). */
export const DEV_USERS = {
  alex: { key: 'alex', name: 'Alex Rivera', email: 'alex@salescoach.dev', roles: ['Sales'] },
  sam: { key: 'sam', name: 'Sam Chen', email: 'sam@salescoach.dev', roles: ['Sales'] },
  morgan: { key: 'morgan', name: 'Morgan Lee', email: 'morgan@salescoach.dev', roles: ['Manager'] },
  riley: { key: 'riley', name: 'Riley Park', email: 'riley@salescoach.dev', roles: ['HR'] },
  admin: { key: 'admin', name: 'Avery Admin', email: 'admin@salescoach.dev', roles: ['Admin'] },
} as const satisfies Record<string, DevUser>;

export type DevUserKey = keyof typeof DEV_USERS;

export function isDevUserKey(key: string): key is DevUserKey {
  return Object.hasOwn(DEV_USERS, key);
}
