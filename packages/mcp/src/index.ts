export { createMcpHub, type McpHub, type McpHubOptions } from './mcp-hub.js';
export { exposedToolName, MAX_TOOL_NAME_LENGTH } from './tool-naming.js';
export { checkJsonSchema } from './json-schema-check.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { DEFAULT_MAX_RESULT_CHARS } from './call-result.js';
export type { DelegatedTokens } from './delegated-tokens.js';
export {
  ConnectionNeededError,
  createMcpOAuth,
  PENDING_TTL_MS,
  type McpOAuth,
  type McpOAuthOptions,
} from './oauth/mcp-oauth.js';
