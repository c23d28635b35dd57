import type { OAuthSettings } from '@salescoach/config';
import type { McpCredentialStore, McpTokens } from '@salescoach/domain';
import type {
  OAuthClientProvider,
  OAuthDiscoveryState,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { SecretResolver } from '../transport-factory.js';

/** What every provider of one server shares. */
export interface OAuthServerContext {
  readonly server: string;
  readonly settings: OAuthSettings;
  readonly store: McpCredentialStore;
  /** `${PUBLIC_API_URL}/oauth/callback`. */
  readonly redirectUrl: () => string;
  readonly resolveSecret: SecretResolver;
  /** Discovery results per server, kept for the process (metadata rarely changes). */
  readonly discovery: Map<string, OAuthDiscoveryState>;
  readonly now: () => number;
}

/**
 * What the SDK's `auth()` is asked to do: start an authorization (no tokens are offered, so
 * it registers when needed and builds the authorization URL with PKCE and the resource),
 * finish one (the code verifier of the pending authorization), or refresh.
 */
export type ProviderMode =
  | { readonly kind: 'start'; readonly state: string }
  | { readonly kind: 'finish'; readonly codeVerifier: string }
  | { readonly kind: 'refresh' };

/**
 * The SDK's `OAuthClientProvider` for one user and one server, over the credential store:
 * tokens and client registrations are read from and written to it (sealed there), so any API
 * instance can refresh or finish what another began.
 */
export class StoredOAuthProvider implements OAuthClientProvider {
  /** Set by the SDK when it builds the authorization URL. */
  authorizationUrl: URL | undefined;
  /** Set by the SDK with the PKCE verifier of a new authorization. */
  newCodeVerifier: string | undefined;
  private tokensInvalid = false;

  /** The SDK dropped the tokens: the authorization server refused the grant. */
  get grantRefused(): boolean {
    return this.tokensInvalid;
  }

  constructor(
    private readonly ctx: OAuthServerContext,
    private readonly userId: string,
    private readonly mode: ProviderMode,
  ) {}

  get redirectUrl(): string {
    return this.ctx.redirectUrl();
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'SalesCoach',
      redirect_uris: [this.ctx.redirectUrl()],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...(this.ctx.settings.scope ? { scope: this.ctx.settings.scope } : {}),
    };
  }

  state(): string {
    return this.mode.kind === 'start' ? this.mode.state : '';
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const { clientId, clientSecretEnv } = this.ctx.settings;
    if (clientId !== undefined) {
      const secret = clientSecretEnv ? this.ctx.resolveSecret(clientSecretEnv) : undefined;
      return { client_id: clientId, ...(secret ? { client_secret: secret } : {}) };
    }
    const registered = await this.ctx.store.client(this.ctx.server);
    // Registered for another redirect URI (PUBLIC_API_URL changed): register again.
    const uris = registered?.redirect_uris;
    if (Array.isArray(uris) && !uris.includes(this.ctx.redirectUrl())) return undefined;
    return registered;
  }

  /** A client from the servers file is never replaced; a registered one is kept in the store. */
  async saveClientInformation(information: OAuthClientInformationMixed): Promise<void> {
    if (this.ctx.settings.clientId !== undefined) return;
    await this.ctx.store.saveClient(this.ctx.server, information);
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    if (this.mode.kind !== 'refresh' || this.tokensInvalid) return undefined;
    const stored = await this.ctx.store.tokens(this.userId, this.ctx.server);
    if (!stored || stored.needsReconnect) return undefined;
    return {
      access_token: stored.accessToken,
      token_type: stored.tokenType,
      ...(stored.refreshToken ? { refresh_token: stored.refreshToken } : {}),
      ...(stored.scope ? { scope: stored.scope } : {}),
      ...(stored.issuer ? { issuer: stored.issuer } : {}),
    };
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    const previous = await this.ctx.store.tokens(this.userId, this.ctx.server);
    const now = this.ctx.now();
    // A refresh answer may leave the refresh token out: the one we have stays valid then.
    const refreshToken =
      tokens.refresh_token ?? (this.mode.kind === 'refresh' ? previous?.refreshToken : undefined);
    const next: McpTokens = {
      accessToken: tokens.access_token,
      tokenType: tokens.token_type,
      connectedAt:
        this.mode.kind === 'refresh' && previous
          ? previous.connectedAt
          : new Date(now).toISOString(),
      needsReconnect: false,
      ...(refreshToken ? { refreshToken } : {}),
      ...(tokens.expires_in === undefined ? {} : { expiresAt: now + tokens.expires_in * 1_000 }),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
      ...(typeof tokens.issuer === 'string' ? { issuer: tokens.issuer } : {}),
    };
    await this.ctx.store.saveTokens(this.userId, this.ctx.server, next);
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    this.authorizationUrl = authorizationUrl;
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.newCodeVerifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.mode.kind !== 'finish') throw new Error('no authorization is being finished');
    return this.mode.codeVerifier;
  }

  async invalidateCredentials(
    scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery',
  ): Promise<void> {
    if (scope === 'all' || scope === 'tokens') this.tokensInvalid = true;
    if ((scope === 'all' || scope === 'client') && this.ctx.settings.clientId === undefined)
      await this.ctx.store.deleteClient(this.ctx.server);
    if (scope === 'all' || scope === 'discovery') this.ctx.discovery.delete(this.ctx.server);
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.ctx.discovery.set(this.ctx.server, state);
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.ctx.discovery.get(this.ctx.server);
  }
}
