import { ConfigError, loadSettings } from '@salescoach/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/index.js';

/**
 * Errors to clients carry no stack trace (no absolute paths, no dependency versions) unless
 * EXPOSE_STACK_TRACES is turned on for local debugging, whatever NODE_ENV says; the setting
 * is refused in entra mode and in production.
 */
const entraEnv = {
  AUTH_MODE: 'entra',
  ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_AUDIENCE: 'api://salescoach-test',
  ENTRA_JWKS_URI: 'http://127.0.0.1:9/keys',
};

let stacks: { readme: TestStack; entra: TestStack; debugging: TestStack };

beforeAll(async () => {
  // NODE_ENV=development is what a stack started the way the README says runs with.
  const [readme, entra, debugging] = await Promise.all([
    startTestStack({ crm: false, env: { NODE_ENV: 'development' } }),
    startTestStack({ crm: false, env: { NODE_ENV: 'development', ...entraEnv } }),
    startTestStack({ crm: false, env: { NODE_ENV: 'development', EXPOSE_STACK_TRACES: 'true' } }),
  ]);
  stacks = { readme, entra, debugging };
});
afterAll(async () => {
  await Promise.all(Object.values(stacks ?? {}).map((s) => s.close()));
});

async function anonymousMe(stack: TestStack) {
  const response = await fetch(`${stack.server.url}/trpc/me.get`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { error: { data: object } } };
}

describe('error detail sent to clients', () => {
  it.each(['readme', 'entra'] as const)(
    'sends no stack trace to an anonymous caller (%s stack, NODE_ENV=development)',
    async (name) => {
      const { status, text, body } = await anonymousMe(stacks[name]);
      expect(status).toBe(401);
      expect(body.error.data).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(body.error.data).not.toHaveProperty('stack');
      expect(text).not.toContain('node_modules');
      expect(text).not.toContain(import.meta.dirname.split('/apps/')[0]);
    },
  );

  it('sends the stack only when EXPOSE_STACK_TRACES is on (the control)', async () => {
    const { body } = await anonymousMe(stacks.debugging);
    expect(body.error.data).toHaveProperty('stack');
  });

  it('refuses EXPOSE_STACK_TRACES in entra mode and in production', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadSettings(env);
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    };
    expect(problems({ ...entraEnv, EXPOSE_STACK_TRACES: 'true' })).toEqual([
      'EXPOSE_STACK_TRACES: stack traces are for local debugging and refused when AUTH_MODE=entra',
    ]);
    expect(
      problems({ ...entraEnv, NODE_ENV: 'production', EXPOSE_STACK_TRACES: 'true' }),
    ).toContain('EXPOSE_STACK_TRACES: refused when NODE_ENV=production');
    expect(problems({ ...entraEnv })).toEqual([]);
  });
});
