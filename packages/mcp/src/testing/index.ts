/** Test parts of the MCP package (for tests only; not part of its API). */
export * from '../test-mcp-server.js';
export { startCrmHub, type CrmHub, type CrmHubAuthority, type CrmHubOptions } from './crm-hub.js';
export {
  type AuthorizeOptions,
  type OAuthAuthorizationServer,
  type OAuthAuthorizationServerOptions,
  startOAuthAuthorizationServer,
} from './oauth-authorization-server.js';
export {
  type OAuthProtectedMcpServer,
  type OAuthProtectedMcpServerOptions,
  oauthServerEntry,
  startOAuthProtectedMcpServer,
  type VerifiedCall,
} from './oauth-protected-mcp-server.js';
