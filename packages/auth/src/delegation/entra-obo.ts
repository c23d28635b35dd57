import { createHash, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import {
  type DelegatedToken,
  type DelegatedTokenProvider,
  DelegationError,
  type DelegationTarget,
} from './token-exchange.js';

export interface EntraOboOptions {
  readonly tenantId: string;
  /** The API's own app registration (the confidential client that does On-Behalf-Of). */
  readonly clientId: string;
  readonly clientSecret?: string;
  /** PEM text holding the private key and its X.509 certificate. */
  readonly certificatePem?: string;
  /** Default `https://login.microsoftonline.com`. */
  readonly authorityHost?: string;
  /** OpenID metadata of the authority as JSON text (sovereign clouds, tests): no discovery call. */
  readonly authorityMetadata?: string;
  readonly cloudDiscoveryMetadata?: string;
}

/** The certificate credential msal-node wants: SHA-256 thumbprint, private key and chain. */
export function certificateCredential(pem: string): {
  thumbprintSha256: string;
  privateKey: string;
  x5c: string;
} {
  const key =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    );
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!key || !cert)
    throw new TypeError('the certificate file needs a PEM private key and a PEM certificate');
  const { raw } = new X509Certificate(cert[0]);
  return {
    thumbprintSha256: createHash('sha256').update(raw).digest('hex'),
    privateKey: key[0],
    x5c: cert[0],
  };
}

/** `api://crm/access_as_user` → `api://crm/.default`; a bare resource gets `/.default`. */
export const defaultScopeOf = (target: DelegationTarget): string => {
  const base = target.scope ?? target.resource;
  const slash = base.lastIndexOf('/');
  const resource = target.scope && slash > base.indexOf('://') + 2 ? base.slice(0, slash) : base;
  return `${resource.replace(/\/$/, '')}/.default`;
};

const safeMsalError = (error: unknown): DelegationError => {
  const code = (error as { errorCode?: unknown }).errorCode;
  const tag = typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : 'error';
  return new DelegationError(`Microsoft Entra ID refused the On-Behalf-Of exchange (${tag})`, tag);
};

/** Entra On-Behalf-Of through msal-node; client credentials for the API's own (discovery) token. */
export function createEntraOboProvider(options: EntraOboOptions): DelegatedTokenProvider {
  if (!options.clientSecret && !options.certificatePem)
    throw new TypeError('Entra On-Behalf-Of needs a client secret or a certificate');
  const host = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
  const config: Configuration = {
    auth: {
      clientId: options.clientId,
      authority: `${host}/${options.tenantId}`,
      ...(options.certificatePem
        ? { clientCertificate: certificateCredential(options.certificatePem) }
        : { clientSecret: options.clientSecret }),
      ...(options.authorityMetadata ? { authorityMetadata: options.authorityMetadata } : {}),
      ...(options.cloudDiscoveryMetadata
        ? { cloudDiscoveryMetadata: options.cloudDiscoveryMetadata }
        : {}),
    },
  };
  const app = new ConfidentialClientApplication(config);
  const toToken = (
    result: { accessToken: string; expiresOn: Date | null } | null,
  ): DelegatedToken => {
    if (!result?.accessToken || !result.expiresOn)
      throw new DelegationError('Microsoft Entra ID gave no token', 'bad_response');
    return { accessToken: result.accessToken, expiresAt: result.expiresOn.getTime() };
  };
  return {
    async onBehalfOf(subjectToken, target) {
      try {
        return toToken(
          await app.acquireTokenOnBehalfOf({
            oboAssertion: subjectToken,
            scopes: [target.scope ?? defaultScopeOf(target)],
          }),
        );
      } catch (error) {
        throw error instanceof DelegationError ? error : safeMsalError(error);
      }
    },
    async forService(target) {
      try {
        return toToken(
          await app.acquireTokenByClientCredential({ scopes: [defaultScopeOf(target)] }),
        );
      } catch (error) {
        throw error instanceof DelegationError ? error : safeMsalError(error);
      }
    },
  };
}
