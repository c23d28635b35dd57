export {
  TOKEN_EXCHANGE_GRANT,
  ACCESS_TOKEN_TYPE,
  JWT_TOKEN_TYPE,
  DelegationError,
  type DelegationTarget,
  type DelegatedToken,
  type DelegatedTokenProvider,
} from './token-exchange.js';
export {
  createTokenExchangeClient,
  type TokenExchangeClientOptions,
} from './token-exchange-client.js';
export {
  createDevTokenEndpoint,
  DEV_TOKEN_PATH,
  DEV_JWKS_PATH,
  type DevTokenEndpoint,
  type DevTokenEndpointOptions,
  type TokenEndpointAnswer,
} from './dev-token-endpoint.js';
export {
  createDelegatedTokenCache,
  type DelegatedTokens,
  type DelegatedTokenCacheOptions,
  type UserTokenRequest,
} from './delegated-token-cache.js';
