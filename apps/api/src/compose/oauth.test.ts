import { loadSettings, mcpServerSchema } from '@salescoach/config';
import { silentLogger, type Logger } from '@salescoach/domain';
import { createMemoryStore } from '@salescoach/store/memory';
import { describe, expect, it } from 'vitest';
import { composeOAuth } from './oauth.js';

const notes = mcpServerSchema.parse({
  name: 'notes',
  description: 'Team notes',
  transport: 'streamable-http',
  url: 'https://notes.example/mcp',
  roles: ['Sales'],
  auth: 'oauth',
});
const entra = { AUTH_MODE: 'entra', ENTRA_TENANT_ID: 't', ENTRA_AUDIENCE: 'api://a' };

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = {
    ...silentLogger,
    warnings,
    warn: (_fields: unknown, message?: string) => {
      warnings.push(message ?? '');
    },
    child: () => logger,
  };
  return logger;
}

describe('composing per-user OAuth for MCP servers', () => {
  it('refuses to start in entra mode when an oauth server has no MCP_TOKEN_KEY', () => {
    expect(() =>
      composeOAuth(loadSettings(entra), silentLogger, createMemoryStore(), [notes]),
    ).toThrow(/MCP_TOKEN_KEY is required when AUTH_MODE=entra.*notes/);
    expect(() =>
      composeOAuth(
        loadSettings({ ...entra, MCP_TOKEN_KEY: Buffer.alloc(32, 1).toString('base64') }),
        silentLogger,
        createMemoryStore(),
        [notes],
      ),
    ).not.toThrow();
  });

  it('in dev mode uses the dev key with a warning, and says nothing without oauth servers', () => {
    const logger = recordingLogger();
    composeOAuth(loadSettings({}), logger, createMemoryStore(), [notes]);
    expect(logger.warnings).toEqual([expect.stringMatching(/MCP_TOKEN_KEY is not set/)]);
    const quiet = recordingLogger();
    composeOAuth(loadSettings({}), quiet, createMemoryStore(), []);
    expect(quiet.warnings).toEqual([]);
  });
});
