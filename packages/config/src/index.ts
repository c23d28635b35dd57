export { loadSettings, loadSettingsFromProcess, ConfigError, type Settings } from './settings.js';
export {
  envSchema,
  DEFAULT_ALLOWED_ORIGINS,
  MESSAGE_CHARS_CEILING,
  type RawEnv,
} from './env-schema.js';
export {
  buildModelRegistry,
  DEFAULT_MODELS,
  type ModelRegistry,
  type ModelRef,
  type ModelPurpose,
  type LlmProviderName,
} from './models.js';
export {
  mcpServerSchema,
  mcpServersFileSchema,
  parseMcpServersFile,
  readMcpServersFile,
  resolveBearerSecret,
  oboTargetOf,
  oauthSettingsOf,
  type OAuthSettings,
  USER_TOKEN_REMOVED,
  type DelegationTarget,
  type McpServerAuth,
  type McpServerConfig,
  type McpServersFile,
} from './mcp-servers-file.js';
export {
  teamsFileSchema,
  teamFileEntrySchema,
  parseTeamsFile,
  readTeamsFile,
  type TeamsFile,
} from './teams-file.js';
export { publicApiUrlOf, resolveMcpTokenKey, type ResolvedTokenKey } from './oauth-settings.js';
