import { describe, expect, it } from 'vitest';
import { publicApiUrlOf, resolveMcpTokenKey } from './oauth-settings.js';
import { loadSettings } from './settings.js';

describe('MCP token key', () => {
  it('uses MCP_TOKEN_KEY; without it, a dev key with a warning, and in entra mode an error', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(resolveMcpTokenKey({ key, authMode: 'entra', oauthServers: ['notes'] }).key).toEqual(
      Buffer.alloc(32, 7),
    );
    const dev = resolveMcpTokenKey({ key: undefined, authMode: 'dev', oauthServers: ['notes'] });
    expect(dev.key).toHaveLength(32);
    expect(dev.warning).toMatch(/MCP_TOKEN_KEY is not set/);
    expect(() =>
      resolveMcpTokenKey({ key: undefined, authMode: 'entra', oauthServers: ['notes'] }),
    ).toThrow(/MCP_TOKEN_KEY is required when AUTH_MODE=entra.*notes/);
    expect(
      resolveMcpTokenKey({ key: undefined, authMode: 'entra', oauthServers: [] }).warning,
    ).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes; the public URLs and their defaults', () => {
    expect(() => loadSettings({ MCP_TOKEN_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /MCP_TOKEN_KEY: expected 32 bytes/,
    );
    const s = loadSettings({ PUBLIC_API_URL: 'https://api.example/' });
    expect(publicApiUrlOf(s, 'http://127.0.0.1:1234')).toBe('https://api.example');
    expect(s.WEB_APP_URL).toBe('http://localhost:4173');
    expect(publicApiUrlOf(loadSettings({}), 'http://127.0.0.1:3000')).toBe('http://localhost:3000');
    expect(publicApiUrlOf(loadSettings({ PORT: '0' }), 'http://127.0.0.1:41234')).toBe(
      'http://127.0.0.1:41234',
    );
    expect(() => loadSettings({ PUBLIC_API_URL: 'not a url' })).toThrow(/PUBLIC_API_URL/);
  });
});
