import { DEV_JWKS_PATH, DEV_TOKEN_PATH } from '@salescoach/auth/delegation';
import express, { type Express } from 'express';
import type { Delegation } from '../compose/delegation.js';

/**
 * Dev mode only: the local issuer's keys (for MCP servers that verify its tokens, such as the
 * bundled CRM), its authorization-server metadata and its RFC 8693 token endpoint.
 * Bodies and tokens are never logged.
 */
export function mountDevTokenRoutes(app: Express, delegation: Delegation): void {
  const dev = delegation.dev;
  if (!dev) return;
  app.get(DEV_JWKS_PATH, (_req, res) => {
    res.set('cache-control', 'max-age=300').json(dev.issuer.jwks());
  });
  app.get('/.well-known/oauth-authorization-server', (req, res) => {
    res.json(dev.endpoint.metadata(`${req.protocol}://${req.get('host') ?? ''}`));
  });
  app.post(
    DEV_TOKEN_PATH,
    express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 }),
    async (req, res) => {
      const form = new URLSearchParams(
        Object.entries((req.body ?? {}) as Record<string, unknown>).flatMap(
          ([k, v]): [string, string][] => (typeof v === 'string' ? [[k, v]] : []),
        ),
      );
      const answer = await dev.endpoint.handle(form, req.headers.authorization);
      res
        .status(answer.status)
        .set(answer.headers ?? {})
        .json(answer.body);
    },
  );
}
