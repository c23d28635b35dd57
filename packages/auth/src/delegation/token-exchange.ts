/** RFC 8693 names, and what every delegated-token source gives back. */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

/** What a delegated token is for: the resource (audience) and, optionally, the scope to ask for. */
export interface DelegationTarget {
  readonly resource: string;
  readonly scope?: string;
}

export interface DelegatedToken {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Turns the signed-in user's token into one issued for another resource, and gets service tokens. */
export interface DelegatedTokenProvider {
  /** On-Behalf-Of / token exchange: a token for `target` that carries the user of `subjectToken`. */
  onBehalfOf(subjectToken: string, target: DelegationTarget): Promise<DelegatedToken>;
  /** A token for `target` that carries the API itself (client credentials), for tool discovery. */
  forService(target: DelegationTarget): Promise<DelegatedToken>;
}

/**
 * A refused or failed exchange. `message` is safe to show the user and to log: it names the
 * OAuth error code at most, never a token or the service's full answer.
 */
export class DelegationError extends Error {
  override readonly name = 'DelegationError';
  constructor(
    message: string,
    /** The OAuth `error` code, or `network`/`bad_response`. */
    readonly reason: string,
  ) {
    super(message);
  }
}
