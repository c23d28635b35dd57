import type { McpServerConfig } from '@salescoach/config';
import type { ServerDescriptor, ToolCallContext, ToolDescriptor } from '@salescoach/domain';
import type { ExposedTool } from '../exposed-tool.js';
import type { McpOAuth } from './mcp-oauth.js';
import type { UserConnections } from './user-connections.js';

export interface OAuthToolsDeps {
  readonly configs: readonly McpServerConfig[];
  readonly oauth: McpOAuth;
  readonly userConnections: UserConnections;
  /** The hub's index of exposed tools, as it is now. */
  readonly exposed: () => ReadonlyMap<string, ExposedTool>;
}

export interface UserOAuthOffer {
  readonly tools: ToolDescriptor[];
  readonly servers: ServerDescriptor[];
  readonly unconnected: ServerDescriptor[];
}

/** The `oauth` servers' side of the hub: what one user is offered, and tools not listed yet. */
export function oauthTools(deps: OAuthToolsDeps) {
  const { oauth, userConnections } = deps;
  return {
    /** The role's `oauth` servers for this user: their connection lists the tools. */
    async offer(role: string, userId: string): Promise<UserOAuthOffer> {
      const offer: UserOAuthOffer = { tools: [], servers: [], unconnected: [] };
      await Promise.all(
        deps.configs
          .filter((config) => config.roles.includes(role))
          .map(async ({ name, description }) => {
            const connection =
              (await oauth.status(userId, name)) === 'connected'
                ? await userConnections.get(name, userId)
                : undefined;
            if (connection) {
              const theirs = new Set(connection.tools.map((t) => t.name));
              for (const e of deps.exposed().values())
                if (e.descriptor.server === name && theirs.has(e.descriptor.tool))
                  offer.tools.push(e.descriptor);
              offer.servers.push({ name, description });
            } else if ((await oauth.status(userId, name)) !== 'connected') {
              offer.unconnected.push({ name, description });
            }
            // Connected but unreachable: like a server that is down, its tools are not offered.
          }),
      );
      return offer;
    },

    /**
     * A tool of an `oauth` server not listed yet in this process: the caller's own connection
     * lists it. The server's name when the caller has not connected it.
     */
    async lookup(
      name: string,
      context: ToolCallContext,
    ): Promise<ExposedTool | string | undefined> {
      const server = deps.configs.find((c) => name.startsWith(`${c.name}__`))?.name;
      if (!server) return undefined;
      if ((await oauth.status(context.user.id, server)) !== 'connected') return server;
      await userConnections.get(server, context.user.id);
      return deps.exposed().get(name);
    },
  };
}
