import {
  ACCESS_TOKEN_TYPE,
  type DelegatedToken,
  type DelegatedTokenProvider,
  DelegationError,
  type DelegationTarget,
  TOKEN_EXCHANGE_GRANT,
} from './token-exchange.js';

export interface TokenExchangeClientOptions {
  /** The token endpoint; a function when it is known only later (the API's own port). */
  readonly tokenEndpoint: string | (() => string);
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Epoch milliseconds; for tests. */
  readonly now?: () => number;
}

const OAUTH_ERROR = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/**
 * An RFC 8693 token-exchange client (and the client-credentials grant) authenticating with
 * `client_secret_basic`: the dev issuer's endpoint, or any STS that speaks the standard.
 */
export function createTokenExchangeClient(
  options: TokenExchangeClientOptions,
): DelegatedTokenProvider {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const basic = Buffer.from(
    `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
  ).toString('base64');

  async function request(form: Record<string, string | undefined>): Promise<DelegatedToken> {
    const endpoint =
      typeof options.tokenEndpoint === 'function' ? options.tokenEndpoint() : options.tokenEndpoint;
    const body = new URLSearchParams(
      Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined),
    );
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new DelegationError('the token service could not be reached', 'network');
    }
    const json = (await response.json().catch(() => undefined)) as
      Record<string, unknown> | undefined;
    if (!response.ok) {
      const code =
        typeof json?.error === 'string' && OAUTH_ERROR.test(json.error) ? json.error : 'error';
      throw new DelegationError(`the token service refused the exchange (${code})`, code);
    }
    const token = json?.access_token;
    const expiresIn = json?.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number')
      throw new DelegationError('the token service gave an unusable answer', 'bad_response');
    return { accessToken: token, expiresAt: now() + expiresIn * 1000 };
  }

  return {
    onBehalfOf: (subjectToken: string, target: DelegationTarget) =>
      request({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: subjectToken,
        subject_token_type: ACCESS_TOKEN_TYPE,
        requested_token_type: ACCESS_TOKEN_TYPE,
        resource: target.resource,
        scope: target.scope,
      }),
    forService: (target: DelegationTarget) =>
      request({ grant_type: 'client_credentials', resource: target.resource, scope: target.scope }),
  };
}
