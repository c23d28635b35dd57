import { z } from 'zod';
import { oauthEnvShape } from './oauth-settings.js';
import { securityEnvShape } from './security-settings.js';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected 0..65535')
    .max(65535, 'expected 0..65535')
    .default(fallback);

/**
 * The longest message any configuration accepts: the API's input schemas refuse more before
 * anything runs; `MAX_MESSAGE_CHARS` (the limit users get, published by `me.get`) is at most
 * this. Even in 4-byte characters a message this long fits the default WebSocket frame
 * (`WS_MAX_PAYLOAD_BYTES`, 64 KiB) with its envelope.
 */
export const MESSAGE_CHARS_CEILING = 12_000;

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .positive('expected a positive number')
    .default(fallback);

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const DURATION_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `90s`, `30m`, `24h` or `7d`, in milliseconds. */
const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .default(fallback)
    .pipe(z.string().regex(/^[1-9][0-9]{0,6}[smhd]$/, 'expected a duration such as 30m, 24h or 7d'))
    .transform((v) => Number(v.slice(0, -1)) * DURATION_UNITS_MS[v.slice(-1) as 's']);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ error: 'expected a URL' }).optional());

const urlOr = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v))
    .pipe(z.url({ error: 'expected a URL' }));

export const DEFAULT_ALLOWED_ORIGINS = [4173, 5173, 8080]
  .flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`])
  .join(',');

/**
 * Every environment variable SalesCoach reads, with its default. `.env.example` documents
 * each one; `docs/configuration.md` explains them.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOWED_ORIGINS: z.string().default(DEFAULT_ALLOWED_ORIGINS),

  STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
  COSMOS_ENDPOINT: optionalUrl,
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default('salescoach'),
  COSMOS_ALLOW_SELF_SIGNED: flag(false),
  COSMOS_MAX_RETRIES: positiveInt(9),
  COSMOS_MAX_RETRY_WAIT_MS: positiveInt(30_000),

  LLM_PROVIDER: z.enum(['offline', 'openai', 'azure-openai']).default('offline'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_CHAT_MODEL: optionalText,
  OPENAI_UTILITY_MODEL: optionalText,
  OPENAI_EMBEDDING_MODEL: optionalText,
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_API_KEY: optionalText,
  AZURE_OPENAI_API_VERSION: z.string().trim().min(1).default('2024-10-21'),
  AZURE_OPENAI_CHAT_MODEL: optionalText,
  AZURE_OPENAI_UTILITY_MODEL: optionalText,
  AZURE_OPENAI_EMBEDDING_MODEL: optionalText,
  LLM_TIMEOUT_MS: positiveInt(60_000),
  LLM_MAX_RETRIES: z.coerce.number({ error: 'expected a number' }).int().min(0).max(10).default(2),

  AUTH_MODE: z.enum(['dev', 'entra']).default('dev'),
  ENTRA_TENANT_ID: optionalText,
  ENTRA_AUDIENCE: optionalText,
  ENTRA_CLIENT_ID: optionalText,
  ENTRA_JWKS_URI: optionalUrl,
  ENTRA_ISSUER: optionalUrl,
  ENTRA_CLIENT_SECRET: optionalText,
  ENTRA_CLIENT_CERTIFICATE_FILE: optionalText,

  BUS: z.enum(['memory', 'redis']).default('memory'),
  REDIS_URL: optionalUrl,

  MCP_SERVERS_FILE: z.string().trim().min(1).default('./mcpservers.json'),
  TEAMS_FILE: z.string().trim().min(1).default('./teams.json'),
  INSIGHTS_MIN_ASKERS: positiveInt(2),
  /** The team digest's verified identity: `dev:svc-digest` in dev, `<tenantId>:<objectId>` of its service principal in entra mode. */
  DIGEST_SERVICE_ID: z.string().trim().min(1).max(200).default('dev:svc-digest'),
  /** Team ids whose rooms the digest service may post to (comma-separated; empty: none). */
  DIGEST_TEAMS: z
    .string()
    .default('west')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** When `pnpm digest --schedule` posts: a weekday and a UTC time, e.g. `mon 08:00`. */
  DIGEST_SCHEDULE: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^(mon|tue|wed|thu|fri|sat|sun) ([01][0-9]|2[0-3]):[0-5][0-9]$/,
      'expected a weekday and a UTC time, e.g. mon 08:00',
    )
    .default('mon 08:00'),
  /** The API the digest posts through. */
  DIGEST_API_URL: urlOr('ws://127.0.0.1:3000/trpc'),
  /** Entra mode: the digest's app registration (client credentials) and the API's scope. */
  DIGEST_CLIENT_ID: optionalText,
  DIGEST_CLIENT_SECRET: optionalText,
  DIGEST_API_SCOPE: optionalText,
  CRM_MCP_PORT: port(3101),
  CRM_MCP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The CRM's own SQLite file (seeded on first start); default `<DATA_DIR>/crm.sqlite`. */
  CRM_STORE_FILE: optionalText,
  /**
   * Token subjects (client ids) of services the CRM lets read pipeline totals for a named rep
   * or manager, e.g. the API's own client for the team digest (comma-separated; empty: none).
   */
  CRM_AGGREGATE_READERS: z
    .string()
    .default('salescoach-api')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  CRM_RESOURCE_URL: optionalUrl,
  CRM_AUTH_ISSUER: z.string().trim().min(1).default('salescoach-dev'),
  CRM_AUTH_AUDIENCE: optionalText,
  CRM_AUTH_JWKS_URL: urlOr('http://127.0.0.1:3000/.well-known/jwks.json'),
  CRM_AUTH_ALGORITHM: z.enum(['ES256', 'RS256']).default('ES256'),
  CRM_AUTH_SERVER_URL: urlOr('http://127.0.0.1:3000'),

  PROMPT_TEMPLATE_FILE: z.string().trim().min(1).default('./prompts/coach.md'),
  PROMPT_BLOB_URL: optionalUrl,

  PRACTICE_SCENARIOS_DIR: z.string().trim().min(1).default('./practice/scenarios'),
  PRACTICE_METHODOLOGY_DIR: z.string().trim().min(1).default('./practice/methodology'),

  MAX_MESSAGE_CHARS: positiveInt(8_000).pipe(
    z.number().max(MESSAGE_CHARS_CEILING, `at most ${MESSAGE_CHARS_CEILING}`),
  ),
  SENDS_PER_MINUTE: positiveInt(30),
  MAX_CONCURRENT_ANSWERS: positiveInt(2),
  CHAT_WHEN_BUSY: z.enum(['refuse', 'queue']).default('refuse'),
  ROOM_WHEN_BUSY: z.enum(['refuse', 'queue']).default('queue'),
  /** Members a room may hold; adding past it is refused (CONFLICT), and waiting does not lift it. */
  ROOM_MAX_MEMBERS: positiveInt(500).pipe(z.number().max(10_000, 'at most 10000')),
  MAX_TOOL_ROUNDS: positiveInt(4),
  TOOL_RESULT_MAX_CHARS: positiveInt(16_000),
  HISTORY_TOKEN_BUDGET: positiveInt(6_000),
  WS_MAX_PAYLOAD_BYTES: positiveInt(65_536),
  WS_MAX_BUFFERED_BYTES: positiveInt(1_048_576),
  EVENT_LOG_MAX_EVENTS: positiveInt(2_000),
  EVENT_LOG_MAX_AGE_MS: positiveInt(15 * 60_000),
  DELTA_COALESCE_MS: positiveInt(30),
  DELTA_COALESCE_BYTES: positiveInt(1_024),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  /** How long a tool call waits for its approval before it expires (a duration: 30m, 24h, 7d). */
  APPROVAL_TTL: duration('24h'),
  /** How long a tool's request for input waits for the asker before it is cancelled (90s, 5m). */
  ELICITATION_TIMEOUT: duration('5m'),
  ...securityEnvShape,
  ...oauthEnvShape,
});

export type RawEnv = z.infer<typeof envSchema>;
