export { AuthError, isAuthError, type AuthErrorCode } from './auth-error.js';
export type { TokenVerifier, VerifiedIdentity } from './token-verifier.js';
export {
  DEV_USERS,
  DEV_TENANT_ID,
  isDevUserKey,
  type DevUser,
  type DevUserKey,
} from './dev-users.js';
export {
  createDevIssuer,
  DEV_ISSUER,
  DEV_AUDIENCE,
  type DevIssuer,
  type DevIssuerOptions,
  type IssuedToken,
} from './dev-issuer.js';
export { DEV_SIGNING_KEY_FILE } from './dev-signing-key.js';
export { devAskerTokens, rememberedAskerTokens } from './asker-tokens.js';
export {
  createEntraVerifier,
  entraIssuer,
  entraJwksUri,
  type EntraVerifierOptions,
} from './entra-verifier.js';
export { MAX_CLOCK_TOLERANCE_SECONDS } from './jwt-verification.js';
export type { SignForRequest } from './dev-issuer.js';
