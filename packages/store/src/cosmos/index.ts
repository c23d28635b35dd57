export { openCosmosStore, type CosmosStoreOptions } from './cosmos-store.js';
export { isLoopbackHost, type CosmosConnectionOptions } from './cosmos-client.js';
export type { ChargeReporter } from './cosmos-operations.js';
