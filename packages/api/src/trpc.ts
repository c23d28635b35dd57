import {
  DomainErrorCode,
  isDomainError,
  type CreationKind,
  type DomainError,
} from '@salescoach/domain';
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { ApiContext } from './context.js';
import { pushEntryOf, type PushableItems } from './pushed-items.js';

const codeFor: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  [DomainErrorCode.NotFound]: 'NOT_FOUND',
  [DomainErrorCode.Forbidden]: 'FORBIDDEN',
  [DomainErrorCode.Conflict]: 'CONFLICT',
  [DomainErrorCode.Invalid]: 'BAD_REQUEST',
  [DomainErrorCode.LimitExceeded]: 'TOO_MANY_REQUESTS',
  [DomainErrorCode.RateLimited]: 'TOO_MANY_REQUESTS',
  [DomainErrorCode.Unavailable]: 'SERVICE_UNAVAILABLE',
  [DomainErrorCode.ContentFiltered]: 'UNPROCESSABLE_CONTENT',
  [DomainErrorCode.Timeout]: 'TIMEOUT',
};

export function toTrpcError(error: DomainError): TRPCError {
  return new TRPCError({ code: codeFor[error.code], message: error.message, cause: error });
}

/** What a procedure declares about itself. */
export interface ProcedureMeta {
  /** Open to service identities (app-only tokens); every other procedure refuses them. */
  readonly services?: boolean;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    // Subscriptions only over the WebSocket, where a socket is closed when its identity expires
    // and subscriptions are counted; an HTTP event stream would have neither.
    sse: { enabled: false },
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const data: Record<string, unknown> = {
        ...shape.data,
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        domainCode: isDomainError(cause) ? cause.code : null,
        retryAfterMs: isDomainError(cause) ? (cause.details?.retryAfterMs ?? null) : null,
      };
      if (!ctx?.exposeStack) delete data.stack;
      const message =
        error.code === 'INTERNAL_SERVER_ERROR' && !ctx?.exposeStack
          ? 'Something went wrong on our side'
          : shape.message;
      return { ...shape, message, data };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps expected domain failures to tRPC codes with their safe messages. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) throw toTrpcError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

/** The subscription's items, calling `release` once they end, fail or are closed (no extra generator). */
function releasedWhenDone<T>(items: AsyncIterable<T>, release: () => void): PushableItems<T> {
  const source = items[Symbol.asyncIterator]();
  const iterator: PushableItems<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      return source.next().then(
        (next) => {
          if (next.done) release();
          return next;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
    async return(value?: unknown) {
      try {
        return (await source.return?.(value)) ?? { done: true, value: undefined };
      } finally {
        release();
      }
    },
  };
  const push = pushEntryOf<T>(source);
  if (push)
    iterator.deliverTo = (sink) =>
      push({
        item: (value) => sink.item(value),
        end: (error) => {
          release();
          sink.end(error);
        },
      });
  return iterator;
}

/**
 * Every subscription on a connection counts against its cap until it ends. The slot is
 * freed as soon as the client stops it (the abort), not when its generator has wound down:
 * a subscription sent right after the stop, on the same socket, finds the slot free.
 */
const subscriptionCap = t.middleware(async ({ ctx, type, next, signal }) => {
  if (type !== 'subscription' || !ctx.connection) return next();
  const admitted = ctx.connection.admitSubscription();
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    admitted();
  };
  signal?.addEventListener('abort', release, { once: true });
  const result = await next();
  if (!result.ok) {
    release();
    return result;
  }
  return { ...result, data: releasedWhenDone(result.data as AsyncIterable<unknown>, release) };
});

/** Needs a verified, unexpired token; narrows ctx.identity. A service identity only where `meta.services`. */
export const protectedProcedure = publicProcedure
  .use(({ ctx, meta, next }) => {
    const identity = ctx.identity;
    if (!identity) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authError ?? 'Sign in first' });
    }
    if (identity.expiresAt <= ctx.now()) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Your sign-in expired; reconnect with a fresh token',
      });
    }
    if (identity.kind === 'service' && !meta?.services) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'A service identity may call only the procedures made for services',
      });
    }
    return next({ ctx: { ...ctx, identity, user: identity.user } });
  })
  .use(subscriptionCap);

/** Creates a session or a room: counts against the user's per-minute cap first. */
export const creatingProcedure = (kind: CreationKind) =>
  protectedProcedure.use(async ({ ctx, next }) => {
    await ctx.services.limits.consume(kind, ctx.user.id);
    return next();
  });

/** Needs one of the given roles. */
export const roleProcedure = (...roles: string[]) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!ctx.user.roles.some((r) => roles.includes(r))) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This needs one of the roles: ${roles.join(', ')}`,
      });
    }
    return next();
  });
