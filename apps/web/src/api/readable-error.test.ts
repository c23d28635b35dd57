import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { readableError, UNREACHABLE_TEXT } from './readable-error.js';

function serverError(code: string, message: string): TRPCClientError<never> {
  const error = new TRPCClientError<never>(message);
  Object.assign(error, { data: { code } });
  return error;
}

describe('readableError', () => {
  it('says the API cannot be reached instead of a parser or network message', () => {
    const parse = new TRPCClientError(
      "Failed to execute 'json' on 'Response': Unexpected end of JSON input",
    );
    expect(readableError(parse)).toBe(UNREACHABLE_TEXT);
    expect(readableError(new TypeError('Failed to fetch'))).toBe(UNREACHABLE_TEXT);
  });

  it("keeps another library's own message", () => {
    expect(readableError(new Error('The sign-in window was closed'))).toBe(
      'The sign-in window was closed',
    );
  });

  it("shows the server's own message for a coded error, and a plain one for internal errors", () => {
    expect(readableError(serverError('TOO_MANY_REQUESTS', 'Slow down: 10 messages a minute'))).toBe(
      'Slow down: 10 messages a minute',
    );
    expect(readableError(serverError('INTERNAL_SERVER_ERROR', 'db exploded at line 3'))).toBe(
      'Something went wrong on the server. Please try again.',
    );
  });
});
