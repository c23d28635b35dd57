export {
  withMessageCache,
  type CachedMessageRepository,
  type MessageCacheOptions,
} from './cache/cached-message-repository.js';
export { CorruptDocumentError } from './validation/stored-document.js';
