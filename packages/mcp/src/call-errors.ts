import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

export type FailureKind = 'timeout' | 'aborted' | 'unavailable' | 'error';

/** True when the error means the session or connection is gone (server restarted or died). */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof McpError) return error.code === (ErrorCode.ConnectionClosed as number);
  if (error instanceof StreamableHTTPError)
    return error.code === 404 || (error.code ?? 0) >= 500 || error.code === 400;
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  const causeText =
    cause instanceof Error ? `${cause.message} ${(cause as { code?: string }).code ?? ''}` : '';
  const text = `${error.message} ${causeText}`;
  return /not connected|fetch failed|ECONNREFUSED|ECONNRESET|EPIPE|socket|terminated|other side closed|session not found/i.test(
    text,
  );
}

export const isTimeout = (error: unknown): boolean =>
  error instanceof McpError && error.code === (ErrorCode.RequestTimeout as number);

/** A short message that is safe to show and log: no arguments, bodies or stack traces. */
export function describeError(error: unknown): string {
  if (error instanceof StreamableHTTPError)
    return `HTTP ${error.code ?? '?'}${error.code === 404 ? ' (session not found)' : error.code === 401 ? ' (the server refused the token)' : error.code === 403 ? ' (the token lacks a needed scope)' : ''}`;
  if (error instanceof McpError) return error.message.slice(0, 300);
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    return `${error.message.slice(0, 200)}${code}`;
  }
  return 'unknown error';
}
