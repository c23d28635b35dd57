import { startCrmServer, type CrmServerOptions, type RunningCrmServer } from '@salescoach/mcp-crm';
import type { DelegatedTokens } from '../delegated-tokens.js';
import { createMcpHub, type McpHub } from '../mcp-hub.js';

/** Where callers' tokens come from and how the CRM checks them (a dev authority in tests). */
export interface CrmHubAuthority {
  readonly crmAuth: CrmServerOptions['auth'];
  readonly delegatedTokens: DelegatedTokens;
}

export interface CrmHubOptions {
  readonly authority: CrmHubAuthority;
  /** The CRM's clock (its seeded deals are dated from it). */
  readonly now: Date;
  readonly roles?: readonly string[];
  readonly description?: string;
  readonly timeoutMs?: number;
}

export interface CrmHub {
  readonly crm: RunningCrmServer;
  readonly hub: McpHub;
  close(): Promise<void>;
}

/**
 * The real CRM MCP server on 127.0.0.1:0 and the real hub connected to it over Streamable
 * HTTP as an `obo` server (each caller's token exchanged at the authority), ready to call.
 */
export async function startCrmHub(options: CrmHubOptions): Promise<CrmHub> {
  const crm = await startCrmServer({ port: 0, now: options.now, auth: options.authority.crmAuth });
  const hub = createMcpHub({
    servers: [
      {
        name: 'crm',
        description: options.description ?? 'Sales CRM',
        transport: 'streamable-http',
        url: crm.url,
        roles: [...(options.roles ?? ['Sales', 'Manager'])],
        auth: 'obo',
        timeoutMs: options.timeoutMs ?? 15_000,
      },
    ],
    delegatedTokens: options.authority.delegatedTokens,
  });
  hub.start();
  try {
    await hub.ready();
  } catch (error) {
    await Promise.allSettled([hub.close(), crm.close()]);
    throw error;
  }
  return {
    crm,
    hub,
    async close() {
      await hub.close();
      await crm.close();
    },
  };
}
