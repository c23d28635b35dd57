import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The delegated bearer token of the call being made (issued for that server, carrying the
 * user). HTTP transports are shared between users, so the token is not stored on them: each
 * outgoing request reads it from the async context of the tool call that caused it.
 */
const storage = new AsyncLocalStorage<{ token: string | undefined }>();

export const runWithRequestToken = <T>(token: string | undefined, fn: () => T): T =>
  storage.run({ token }, fn);

/** Runs `fn` outside any call's context (connecting, listing tools, health checks). */
export const runWithoutRequestToken = <T>(fn: () => T): T => storage.exit(fn);

export const currentRequestToken = (): string | undefined => storage.getStore()?.token;
