import type { DelegationTarget } from '@salescoach/config';

/**
 * Where the hub gets tokens for `obo` servers (implemented by `@salescoach/auth/delegation`).
 * Rejections carry a message that is safe to show the user: never a token.
 */
export interface DelegatedTokens {
  /** A token for the server's resource carrying the signed-in user (On-Behalf-Of / token exchange). */
  forUser(request: DelegationTarget & { userId: string; subjectToken: string }): Promise<string>;
  /** The API's own token for the server's resource: connecting and listing tools carry no user. */
  forService(target: DelegationTarget): Promise<string>;
}

/** A rejection's message when it is one of ours (a `DelegationError`), else a generic one. */
export const delegationFailureMessage = (error: unknown): string =>
  error instanceof Error && error.name === 'DelegationError'
    ? error.message
    : 'the token exchange failed';
