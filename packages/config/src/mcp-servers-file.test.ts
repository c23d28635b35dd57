import { describe, expect, it } from 'vitest';
import {
  oauthSettingsOf,
  oboTargetOf,
  parseMcpServersFile,
  USER_TOKEN_REMOVED,
} from './mcp-servers-file.js';

const http = (auth: unknown, more: Record<string, unknown> = {}) =>
  JSON.stringify({
    servers: [
      {
        name: 'crm',
        description: 'CRM',
        transport: 'streamable-http',
        url: 'https://crm.example/mcp',
        roles: ['Sales'],
        ...(auth === undefined ? {} : { auth }),
        ...more,
      },
    ],
  });

describe('MCP servers file: auth', () => {
  it('refuses the removed user-token mode with a message naming its replacement', () => {
    expect(() => parseMcpServersFile(http('user-token'), 'servers.json')).toThrow(
      USER_TOKEN_REMOVED,
    );
    expect(USER_TOKEN_REMOVED).toMatch(/"obo"/);
    expect(USER_TOKEN_REMOVED).toMatch(/passthrough/);
  });

  it('reads obo as the server url for the resource, or the given resource and scope', () => {
    const [short] = parseMcpServersFile(http('obo')).servers;
    expect(oboTargetOf(short!)).toEqual({ resource: 'https://crm.example/mcp' });
    const [full] = parseMcpServersFile(
      http({ obo: { scope: 'api://crm/access_as_user', resource: 'api://crm' } }),
    ).servers;
    expect(oboTargetOf(full!)).toEqual({
      resource: 'api://crm',
      scope: 'api://crm/access_as_user',
    });
    const [none] = parseMcpServersFile(http(undefined)).servers;
    expect(none!.auth).toBe('none');
    expect(oboTargetOf(none!)).toBeUndefined();
    const [secret] = parseMcpServersFile(http({ bearerEnv: 'CRM_KEY' })).servers;
    expect(oboTargetOf(secret!)).toBeUndefined();
  });

  it('refuses obo on a stdio server and unknown obo options', () => {
    const stdio = JSON.stringify({
      servers: [
        {
          name: 'p',
          description: 'P',
          transport: 'stdio',
          command: 'node',
          roles: ['Sales'],
          auth: 'obo',
        },
      ],
    });
    expect(() => parseMcpServersFile(stdio)).toThrow(
      /servers\.0\.auth: obo needs a streamable-http/,
    );
    expect(() => parseMcpServersFile(http({ obo: { audience: 'x' } }))).toThrow(/auth/);
  });
});

describe('MCP servers file: approval policy per tool', () => {
  const withTools = (tools: unknown) => http(undefined, { tools });

  it('reads none, self and a role per tool; no map means every tool follows its annotations', () => {
    const [server] = parseMcpServersFile(
      withTools({
        log_activity: { approval: 'self' },
        update_stage: { approval: { role: 'Manager' } },
        pipeline_summary: { approval: 'none' },
      }),
    ).servers;
    expect(server!.tools).toEqual({
      log_activity: { approval: 'self' },
      update_stage: { approval: { role: 'Manager' } },
      pipeline_summary: { approval: 'none' },
    });
    expect(parseMcpServersFile(http('none')).servers[0]!.tools).toBeUndefined();
  });

  it.each([
    [
      'an unknown policy word',
      { update_stage: { approval: 'manager' } },
      /tools\.update_stage\.approval/,
    ],
    [
      'a role that is empty',
      { update_stage: { approval: { role: ' ' } } },
      /tools\.update_stage\.approval/,
    ],
    [
      'extra keys in a role policy',
      { x: { approval: { role: 'Manager', team: 'west' } } },
      /tools\.x/,
    ],
    ['an unknown key beside approval', { x: { approval: 'self', audit: false } }, /tools\.x/],
    ['an entry without approval', { x: {} }, /tools\.x\.approval/],
    ['a tool name with spaces', { 'update stage': { approval: 'self' } }, /tools/],
  ])('refuses %s, naming where', (_what, tools, where) => {
    expect(() => parseMcpServersFile(withTools(tools), 'servers.json')).toThrow(where);
  });
});

describe('MCP servers file: oauth', () => {
  it('reads oauth alone, or with a scope and a client registered by hand', () => {
    const [short] = parseMcpServersFile(http('oauth')).servers;
    expect(oauthSettingsOf(short!)).toEqual({});
    const [full] = parseMcpServersFile(
      http({ oauth: { scope: 'notes:read', clientId: 'sc', clientSecretEnv: 'NOTES_SECRET' } }),
    ).servers;
    expect(oauthSettingsOf(full!)).toEqual({
      scope: 'notes:read',
      clientId: 'sc',
      clientSecretEnv: 'NOTES_SECRET',
    });
    expect(oboTargetOf(full!)).toBeUndefined();
    const [obo] = parseMcpServersFile(http('obo')).servers;
    expect(oauthSettingsOf(obo!)).toBeUndefined();
  });

  it('refuses a secret without a client id, unknown fields and a stdio server', () => {
    expect(() => parseMcpServersFile(http({ oauth: { clientSecretEnv: 'X' } }))).toThrow(
      /clientSecretEnv needs clientId/,
    );
    expect(() => parseMcpServersFile(http({ oauth: { clientSecret: 'inline' } }))).toThrow();
    const stdio = JSON.stringify({
      servers: [
        {
          name: 'notes',
          description: 'Notes',
          transport: 'stdio',
          command: 'node',
          roles: ['Sales'],
          auth: 'oauth',
        },
      ],
    });
    expect(() => parseMcpServersFile(stdio)).toThrow(/oauth needs a streamable-http server/);
  });
});
