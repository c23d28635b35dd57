export { describeStoreContract } from './store-contract.js';
export type { StoreHarness, StoreContractOptions } from './contract-context.js';
export {
  nextTimestamp,
  sessionFixture,
  groupFixture,
  sessionRef,
  groupRef,
  userMessageFixture,
  assistantMessageFixture,
} from './store-fixtures.js';
