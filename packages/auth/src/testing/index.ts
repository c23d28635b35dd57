export {
  startJwksServer,
  entraClaims,
  type JwksServer,
  type SignOptions,
  type EntraClaimsOptions,
} from './jwks-server.js';
export { startDevAuthority, type DevAuthority } from './dev-authority.js';
