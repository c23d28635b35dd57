import { DomainError, DomainErrorCode } from '@salescoach/domain';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';

/** What the adapter knows about a failure, for logs: never message content. */
export interface FailureFacts {
  readonly status?: number;
  readonly requestId?: string;
  readonly apiCode?: string;
}

export const contentFiltered = () =>
  new DomainError(
    DomainErrorCode.ContentFiltered,
    "The model's content filter blocked this request or its answer. Try rephrasing the question.",
  );

export const streamTimedOut = (timeoutMs: number) =>
  new DomainError(
    DomainErrorCode.Timeout,
    `The model stopped responding (nothing received for ${Math.round(timeoutMs / 1000)} s). Please try again.`,
  );

export const answerCutOff = () =>
  new DomainError(
    DomainErrorCode.Unavailable,
    "The model's answer stopped before it was complete. Please try again.",
  );

/**
 * SDK errors → DomainError with a message safe to show a user. The SDK has already retried
 * what it retries (connection errors, 408, 409, 429, 5xx) by the time an error gets here.
 */
export function mapSdkError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new DomainError(
      DomainErrorCode.Timeout,
      'The model took too long to respond. Please try again.',
    );
  }
  if (error instanceof APIConnectionError) {
    return new DomainError(
      DomainErrorCode.Unavailable,
      'The model service could not be reached. Please try again shortly.',
    );
  }
  if (error instanceof RateLimitError) {
    const retryAfterMs = retryAfterMsOf(error.headers);
    return new DomainError(
      DomainErrorCode.RateLimited,
      'The model service is busy (rate limited). Please try again in a moment.',
      retryAfterMs === undefined ? undefined : { retryAfterMs },
    );
  }
  if (error instanceof APIError) {
    if (isContentFilterError(error)) return contentFiltered();
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return new DomainError(
        DomainErrorCode.Unavailable,
        'The model service refused our credentials. An administrator needs to check the LLM settings.',
      );
    }
    if (error instanceof NotFoundError) {
      return new DomainError(
        DomainErrorCode.Unavailable,
        'The configured model or deployment was not found. An administrator needs to check the LLM settings.',
      );
    }
    if (error instanceof BadRequestError || error.status === 413 || error.status === 422) {
      return new DomainError(
        DomainErrorCode.Invalid,
        'The model service rejected the request (it may be too long or malformed).',
      );
    }
    // 5xx after retries, an error event inside the stream, or an unexpected status.
    return new DomainError(
      DomainErrorCode.Unavailable,
      'The model service failed to answer. Please try again shortly.',
    );
  }
  return new DomainError(
    DomainErrorCode.Unavailable,
    'The model service failed to answer. Please try again shortly.',
  );
}

export function failureFacts(error: unknown): FailureFacts {
  if (!(error instanceof APIError)) return {};
  const facts: { status?: number; requestId?: string; apiCode?: string } = {};
  if (typeof error.status === 'number') facts.status = error.status;
  if (error.requestID) facts.requestId = error.requestID;
  if (typeof error.code === 'string') facts.apiCode = error.code;
  return facts;
}

/** Azure answers a filtered prompt with 400 `code: content_filter` (inner code ResponsibleAIPolicyViolation). */
function isContentFilterError(error: { readonly code: unknown; readonly error: unknown }): boolean {
  if (error.code === 'content_filter') return true;
  const body: { innererror?: { code?: unknown } } | undefined = error.error ?? undefined;
  return body?.innererror?.code === 'ResponsibleAIPolicyViolation';
}

function retryAfterMsOf(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.round(Number.parseFloat(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
