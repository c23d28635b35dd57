import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from './env-schema.js';
import { ConfigError, loadSettings } from './settings.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSettings', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      PORT: 3000,
      STORE: 'sqlite',
      LLM_PROVIDER: 'offline',
      AUTH_MODE: 'dev',
      BUS: 'memory',
      DATA_DIR: './data',
    });
    expect(s.ALLOWED_ORIGINS).toContain('http://localhost:4173');
    expect(s.models.chat).toEqual({ provider: 'offline', name: 'offline-coach' });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('treats empty strings as unset, as a copied .env.example leaves them', () => {
    const s = loadSettings({ COSMOS_ENDPOINT: '', OPENAI_API_KEY: '', REDIS_URL: '' });
    expect(s.COSMOS_ENDPOINT).toBeUndefined();
  });

  it('lists EVERY problem in one error', () => {
    const problems = problemsOf({ STORE: 'cosmos', PORT: 'abc', BUS: 'kafka', LOG_LEVEL: 'loud' });
    expect(problems.some((p) => p.startsWith('PORT:') && p.includes('"abc"'))).toBe(true);
    expect(problems.some((p) => p.startsWith('BUS:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it('names bad values AND missing conditional variables together', () => {
    const problems = problemsOf({ STORE: 'cosmos', PORT: 'abc' });
    expect(problems).toEqual([
      'PORT: expected a port number (got "abc")',
      'COSMOS_ENDPOINT: required when STORE=cosmos',
    ]);
  });

  it('names the missing variable for each selector that needs one', () => {
    expect(problemsOf({ STORE: 'cosmos' })).toEqual([
      'COSMOS_ENDPOINT: required when STORE=cosmos',
    ]);
    expect(problemsOf({ LLM_PROVIDER: 'openai' })).toEqual([
      'OPENAI_API_KEY: required when LLM_PROVIDER=openai',
    ]);
    expect(problemsOf({ LLM_PROVIDER: 'azure-openai' })).toHaveLength(2);
    expect(problemsOf({ AUTH_MODE: 'entra' })).toHaveLength(2);
    expect(problemsOf({ BUS: 'redis' })).toEqual(['REDIS_URL: required when BUS=redis']);
  });

  it('accepts each selector when its settings are present', () => {
    expect(
      loadSettings({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' })
        .STORE,
    ).toBe('cosmos');
    expect(loadSettings({ BUS: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).BUS).toBe('redis');
    expect(
      loadSettings({ AUTH_MODE: 'entra', ENTRA_TENANT_ID: 't', ENTRA_AUDIENCE: 'api://x' })
        .AUTH_MODE,
    ).toBe('entra');
    const openai = loadSettings({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'k',
      OPENAI_CHAT_MODEL: 'my-model',
    });
    expect(openai.models.chat).toEqual({ provider: 'openai', name: 'my-model' });
    expect(openai.models.utility.provider).toBe('openai');
    expect(openai.models.embedding).toBeUndefined();
    const embedding = loadSettings({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'k',
      OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    });
    expect(embedding.models.embedding).toEqual({
      provider: 'openai',
      name: 'text-embedding-3-small',
    });
    const azure = loadSettings({
      LLM_PROVIDER: 'azure-openai',
      AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com',
      AZURE_OPENAI_CHAT_MODEL: 'chat-dep',
    });
    expect(azure.models).toEqual({
      chat: { provider: 'azure-openai', name: 'chat-dep' },
      utility: { provider: 'azure-openai', name: 'chat-dep' },
    });
  });

  it('rejects bad values of each kind', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ PORT: '3.5' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ COSMOS_ALLOW_SELF_SIGNED: 'maybe' })[0]).toMatch(
      /^COSMOS_ALLOW_SELF_SIGNED:/,
    );
    expect(problemsOf({ OPENAI_BASE_URL: 'not a url' })[0]).toMatch(/^OPENAI_BASE_URL:/);
    expect(problemsOf({ MAX_TOOL_ROUNDS: '0' })[0]).toMatch(/^MAX_TOOL_ROUNDS:/);
    expect(problemsOf({ MAX_MESSAGE_CHARS: '12001' })[0]).toMatch(
      /^MAX_MESSAGE_CHARS: at most 12000/,
    );
    expect(loadSettings({ MAX_MESSAGE_CHARS: '12000' }).MAX_MESSAGE_CHARS).toBe(12_000);
    expect(problemsOf({ ALLOWED_ORIGINS: 'http://ok:1,nope' })[0]).toMatch(
      /^ALLOWED_ORIGINS:.*nope/,
    );
  });

  it('allows a self-signed Cosmos certificate only for a loopback endpoint', () => {
    expect(
      problemsOf({
        STORE: 'cosmos',
        COSMOS_ENDPOINT: 'https://acct.documents.azure.com',
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      })[0],
    ).toMatch(/loopback/);
    expect(
      loadSettings({
        STORE: 'cosmos',
        COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      }).COSMOS_ALLOW_SELF_SIGNED,
    ).toBe(true);
  });

  it('forbids dev sign-in in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^AUTH_MODE:/);
  });
});

describe('.env.example', () => {
  it('documents every variable the schema reads, and nothing else', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../.env.example'), 'utf8');
    const documented = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(envSchema.shape)));
  });
});
