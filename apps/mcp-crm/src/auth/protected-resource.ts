import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { Express, RequestHandler } from 'express';
import { type CrmAuthOptions, createCrmTokenVerifier } from './crm-token-verifier.js';

/** RFC 9728 metadata path for a resource: `/.well-known/oauth-protected-resource` + its path. */
export const metadataPathFor = (resource: URL): string =>
  `/.well-known/oauth-protected-resource${resource.pathname === '/' ? '' : resource.pathname}`;

/**
 * Makes the app an OAuth protected resource: publishes its metadata (at the RFC 9728 path
 * and at the bare `/.well-known/oauth-protected-resource`) and gives back the middleware that
 * refuses any request without a valid token issued for this resource, with `401` and a
 * `WWW-Authenticate` header pointing at the metadata.
 */
export function protectResource(
  app: Express,
  resource: URL,
  options: CrmAuthOptions,
): RequestHandler {
  const metadata = {
    resource: resource.href,
    authorization_servers: [options.authorizationServer],
    bearer_methods_supported: ['header'],
    resource_signing_alg_values_supported: [options.algorithm],
    resource_name: 'SalesCoach CRM',
  };
  const path = metadataPathFor(resource);
  const serve: RequestHandler = (_req, res) => {
    res.set('cache-control', 'max-age=300').json(metadata);
  };
  app.get(path, serve);
  if (path !== '/.well-known/oauth-protected-resource')
    app.get('/.well-known/oauth-protected-resource', serve);
  return requireBearerAuth({
    verifier: createCrmTokenVerifier({ ...options, audience: options.audience ?? resource.href }),
    resourceMetadataUrl: new URL(path, resource).href,
  });
}
