import type { ConversationRef, Store } from '@salescoach/domain';

/** What an adapter's test gives the contract suite. */
export interface StoreHarness {
  readonly store: Store;
  /** Closes the store and opens it again on the same data (required when `durable`). */
  readonly reopen?: () => Promise<Store>;
  readonly cleanup: () => Promise<void>;
  /** Writes damaged data directly (bypassing validation), to prove reads refuse it. */
  /** Everything the adapter keeps of MCP credentials, as raw text (rows or documents). */
  readonly rawCredentials: () => Promise<string>;
  readonly corrupt: {
    message(ref: ConversationRef, messageId: string): Promise<void>;
    session(userId: string, sessionId: string): Promise<void>;
  };
}

export interface StoreContractOptions {
  /** The data survives `reopen` (SQLite file, Cosmos account). */
  readonly durable: boolean;
  /** Messages appended for the pagination test (default 5,000). */
  readonly paginationMessages?: number;
}

/** Gives the registered tests the store that is current (it changes after a reopen). */
export interface ContractContext {
  store(): Store;
  harness(): StoreHarness;
  replaceStore(store: Store): void;
  readonly options: StoreContractOptions;
}
