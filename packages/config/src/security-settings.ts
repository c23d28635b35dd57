import { z } from 'zod';

const limit = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .positive('expected a positive number')
    .default(fallback);

/**
 * Security settings: error detail, the Host allow-list and the per-user and per-socket
 * caps. docs/reliability.md lists each limit with its default and the error it gives.
 */
export const securityEnvShape = {
  /** Stack traces in error responses: local debugging only, refused in entra mode and production. */
  EXPOSE_STACK_TRACES: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  /** Extra names accepted in `Host` besides loopback and the host names of ALLOWED_ORIGINS. */
  ALLOWED_HOSTS: z.string().default(''),
  MAX_SUBSCRIPTIONS_PER_SOCKET: limit(32),
  MAX_SOCKETS_PER_USER: limit(16),
  SESSIONS_CREATED_PER_MINUTE: limit(30),
  ROOMS_CREATED_PER_MINUTE: limit(10),
  MEMBERS_ADDED_PER_MINUTE: limit(60),
  /** `connections.connect` calls (OAuth authorizations started) per user per minute. */
  OAUTH_CONNECTS_PER_MINUTE: limit(10),
  HTTP_MAX_BATCH_SIZE: limit(16),
};

type SecurityEnv = { [K in keyof typeof securityEnvShape]: z.infer<(typeof securityEnvShape)[K]> };

/** Cross-variable checks on the security settings (each returns a problem or undefined). */
export const securityRules: ((
  env: SecurityEnv & { AUTH_MODE: string; NODE_ENV: string },
) => string | undefined)[] = [
  (e) =>
    e.EXPOSE_STACK_TRACES && e.AUTH_MODE === 'entra'
      ? 'EXPOSE_STACK_TRACES: stack traces are for local debugging and refused when AUTH_MODE=entra'
      : undefined,
  (e) =>
    e.EXPOSE_STACK_TRACES && e.NODE_ENV === 'production'
      ? 'EXPOSE_STACK_TRACES: refused when NODE_ENV=production'
      : undefined,
];
