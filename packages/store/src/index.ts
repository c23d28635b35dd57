export {
  withMessageCache,
  type CachedMessageRepository,
  type MessageCacheOptions,
} from './cache/cached-message-repository.js';
export { CorruptDocumentError } from './validation/stored-document.js';
export { openMcpCredentialStore, TOKEN_KEY_BYTES } from './credentials/sealed-mcp-credentials.js';
