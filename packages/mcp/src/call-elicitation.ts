import { AsyncLocalStorage } from 'node:async_hooks';
import type { ElicitationAnswer } from '@salescoach/domain';

/** What a server asked, as the hub passes it on (the form is checked by the domain). */
export interface ElicitationParams {
  readonly message: string;
  readonly requestedSchema: unknown;
}

export type CallElicitor = (params: ElicitationParams) => Promise<ElicitationAnswer>;

/**
 * The asker of the tool call being made. A server's `elicitation/create` arrives on the
 * response stream of that call's HTTP request, so its handler runs in the async context of
 * the call: it reads who to ask from here. Outside a call (a server's standalone stream, a
 * stdio server's pipe) there is nobody to ask and the request is declined.
 */
const storage = new AsyncLocalStorage<{ elicit: CallElicitor | undefined }>();

export const runWithElicitor = <T>(elicit: CallElicitor | undefined, fn: () => T): T =>
  storage.run({ elicit }, fn);

export const currentElicitor = (): CallElicitor | undefined => storage.getStore()?.elicit;
