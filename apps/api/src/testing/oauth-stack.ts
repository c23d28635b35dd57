import { randomBytes } from 'node:crypto';
import {
  type OAuthAuthorizationServer,
  type OAuthProtectedMcpServer,
  oauthServerEntry,
  startOAuthAuthorizationServer,
  startOAuthProtectedMcpServer,
} from '@salescoach/mcp/testing';
import { startTestStack, type TestStack } from './test-stack.js';

/**
 * The API with one `oauth` MCP server (`notes`, Sales and Manager): a real oidc-provider
 * authorization server, a protected MCP server that trusts it, a fresh `MCP_TOKEN_KEY`.
 */
export interface OAuthStack {
  readonly as: OAuthAuthorizationServer;
  readonly notes: OAuthProtectedMcpServer;
  readonly stack: TestStack;
  close(): Promise<void>;
}

export async function startOAuthStack(
  options: { env?: Record<string, string>; openAiBaseUrl?: string } = {},
): Promise<OAuthStack> {
  const as = await startOAuthAuthorizationServer();
  const notes = await startOAuthProtectedMcpServer({ issuer: as.issuer });
  const stack = await startTestStack({
    crm: false,
    ...(options.openAiBaseUrl ? { openAiBaseUrl: options.openAiBaseUrl } : {}),
    env: { MCP_TOKEN_KEY: randomBytes(32).toString('base64'), ...options.env },
    extraServers: [oauthServerEntry(notes.url)],
  });
  return {
    as,
    notes,
    stack,
    async close() {
      await stack.close();
      await notes.close();
      await as.close();
    },
  };
}
