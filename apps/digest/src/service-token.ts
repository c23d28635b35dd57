import type { Settings } from '@salescoach/config';
import { clientCredentialsTokenSource, devServiceTokenSource } from '@salescoach/client';

/**
 * The digest's own identity, never a person's: the dev issuer's service token in dev, an
 * app-only token by client credentials from Entra ID in entra mode.
 */
export function digestTokenSource(settings: Settings, url: string): () => Promise<string> {
  if (settings.AUTH_MODE === 'dev') return devServiceTokenSource(url, 'digest');
  const missing = (
    [
      ['ENTRA_TENANT_ID', settings.ENTRA_TENANT_ID],
      ['DIGEST_CLIENT_ID', settings.DIGEST_CLIENT_ID],
      ['DIGEST_CLIENT_SECRET', settings.DIGEST_CLIENT_SECRET],
      ['DIGEST_API_SCOPE', settings.DIGEST_API_SCOPE],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0)
    throw new Error(`The digest needs ${missing.join(', ')} in entra mode (client credentials)`);
  return clientCredentialsTokenSource({
    tokenEndpoint: `https://login.microsoftonline.com/${settings.ENTRA_TENANT_ID}/oauth2/v2.0/token`,
    clientId: settings.DIGEST_CLIENT_ID!,
    clientSecret: settings.DIGEST_CLIENT_SECRET!,
    scope: settings.DIGEST_API_SCOPE!,
  });
}
