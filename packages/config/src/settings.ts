import type { z } from 'zod';
import { envSchema, type RawEnv } from './env-schema.js';
import { buildModelRegistry, type ModelRegistry } from './models.js';
import { securityRules } from './security-settings.js';

export type Settings = Readonly<
  Omit<RawEnv, 'ALLOWED_ORIGINS' | 'ALLOWED_HOSTS'> & {
    ALLOWED_ORIGINS: readonly string[];
    ALLOWED_HOSTS: readonly string[];
    models: ModelRegistry;
  }
>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

type Rule = (env: RawEnv) => string | undefined;

const requires =
  (when: (env: RawEnv) => boolean, name: keyof RawEnv, because: string): Rule =>
  (env) =>
    when(env) && env[name] === undefined ? `${name}: required ${because}` : undefined;

const isLoopback = (url: string): boolean => {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
};

const rules: Rule[] = [
  requires((e) => e.STORE === 'cosmos', 'COSMOS_ENDPOINT', 'when STORE=cosmos'),
  requires((e) => e.LLM_PROVIDER === 'openai', 'OPENAI_API_KEY', 'when LLM_PROVIDER=openai'),
  requires(
    (e) => e.LLM_PROVIDER === 'azure-openai',
    'AZURE_OPENAI_ENDPOINT',
    'when LLM_PROVIDER=azure-openai',
  ),
  requires(
    (e) => e.LLM_PROVIDER === 'azure-openai',
    'AZURE_OPENAI_CHAT_MODEL',
    'when LLM_PROVIDER=azure-openai (the chat deployment name)',
  ),
  requires((e) => e.AUTH_MODE === 'entra', 'ENTRA_TENANT_ID', 'when AUTH_MODE=entra'),
  requires(
    (e) => e.AUTH_MODE === 'entra',
    'ENTRA_AUDIENCE',
    'when AUTH_MODE=entra (the API app id)',
  ),
  requires((e) => e.BUS === 'redis', 'REDIS_URL', 'when BUS=redis'),
  (e) =>
    e.COSMOS_ALLOW_SELF_SIGNED && e.COSMOS_ENDPOINT !== undefined && !isLoopback(e.COSMOS_ENDPOINT)
      ? 'COSMOS_ALLOW_SELF_SIGNED: only allowed for a loopback COSMOS_ENDPOINT (a local emulator)'
      : undefined,
  (e) =>
    e.NODE_ENV === 'production' && e.AUTH_MODE === 'dev'
      ? 'AUTH_MODE: dev sign-in is not allowed when NODE_ENV=production'
      : undefined,
  (e) => {
    const bad = splitList(e.ALLOWED_ORIGINS).filter((o) => !URL.canParse(o));
    return bad.length > 0 ? `ALLOWED_ORIGINS: not origins: ${bad.join(', ')}` : undefined;
  },
  ...securityRules,
];

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = issue.path.join('.');
  const given = env[name];
  return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
}

/**
 * Validates the environment and returns frozen, typed settings, or throws ONE
 * ConfigError that lists every missing or invalid variable.
 */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => describeIssue(i, env));
  // Check the cross-variable rules too, on the valid part (bad values replaced by their defaults),
  // so one message names every problem.
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  const checkable = parsed.success
    ? parsed
    : envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k]) => !invalid.has(k))));
  if (checkable.success) {
    problems.push(
      ...rules.map((rule) => rule(checkable.data)).filter((p): p is string => p !== undefined),
    );
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const raw = parsed.data;
  return Object.freeze({
    ...raw,
    ALLOWED_ORIGINS: Object.freeze(splitList(raw.ALLOWED_ORIGINS)),
    ALLOWED_HOSTS: Object.freeze(splitList(raw.ALLOWED_HOSTS)),
    models: Object.freeze(buildModelRegistry(raw)),
  });
}

/** Reads settings from the process environment: the one place that touches process.env. */
export function loadSettingsFromProcess(
  overrides: Record<string, string | undefined> = {},
): Settings {
  return loadSettings({ ...process.env, ...overrides });
}
