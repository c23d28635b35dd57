import { TRPCClientError } from '@trpc/client';

export const UNREACHABLE_TEXT =
  'SalesCoach cannot be reached right now. Check your connection and try again.';
const SERVER_TEXT = 'Something went wrong on the server. Please try again.';

/** The tRPC error code the server sent, when the error came from the server at all. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { code?: string } | undefined)?.code
    : undefined;
}

/**
 * A sentence a person can act on. The server's own messages are written to be shown
 * (tRPC errors with a code); anything else (a proxy's error page, a dropped socket, a body
 * that is not JSON) means the API could not be reached, and the browser's text for that
 * ("Failed to execute 'json' on 'Response'…") is never shown. Other errors (a sign-in
 * library's) keep their own message.
 */
export function readableError(error: unknown): string {
  if (!(error instanceof TRPCClientError)) {
    // fetch() rejects with a TypeError when the network fails; a broken body is a SyntaxError.
    if (error instanceof TypeError || error instanceof SyntaxError) return UNREACHABLE_TEXT;
    return error instanceof Error && error.message.trim() ? error.message : SERVER_TEXT;
  }
  const code = errorCode(error);
  if (code === undefined) return UNREACHABLE_TEXT;
  if (code === 'INTERNAL_SERVER_ERROR') return SERVER_TEXT;
  const message = error instanceof Error ? error.message.trim() : '';
  return message === '' ? SERVER_TEXT : message;
}
