import type { Store } from '@salescoach/domain';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ContractContext, StoreContractOptions, StoreHarness } from './contract-context.js';
import { registerAuditContract } from './audit-contract.js';
import { registerApprovalContract } from './approval-contract.js';
import { registerConversationContract } from './conversation-contract.js';
import { registerFeedbackContract } from './feedback-contract.js';
import { registerSearchContract } from './search-contract.js';
import { registerInsightsContract } from './insights-contract.js';
import { registerMcpCredentialContract } from './mcp-credential-contract.js';
import { registerMessageContract } from './message-contract.js';
import { registerCoachingContract } from './coaching-contract.js';
import { registerPinsContract } from './pins-contract.js';
import { registerPracticeContract } from './practice-contract.js';
import { registerRoomPracticeContract } from './room-practice-contract.js';
import { registerValidationContract } from './validation-contract.js';
import { registerVersionsContract } from './versions-contract.js';

/**
 * The one contract every `Store` adapter passes. `open` is called once per suite; the
 * tests use fresh ids so they do not depend on each other, except the reopen test, which
 * runs last.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<StoreHarness>,
  options: StoreContractOptions = { durable: true },
): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: Store | undefined;
    const context: ContractContext = {
      options,
      store: () => {
        if (!current) throw new Error('store not opened');
        return current;
      },
      harness: () => {
        if (!harness) throw new Error('store not opened');
        return harness;
      },
      replaceStore: (store) => {
        current = store;
      },
    };

    beforeAll(async () => {
      harness = await open();
      current = harness.store;
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    registerConversationContract(context);
    registerMessageContract(context);
    registerPracticeContract(context);
    registerRoomPracticeContract(context);
    registerInsightsContract(context);
    registerPinsContract(context);
    registerFeedbackContract(context);
    registerCoachingContract(context);
    registerSearchContract(context);
    registerApprovalContract(context);
    registerValidationContract(context);
    registerVersionsContract(context);
    registerAuditContract(context);
    registerMcpCredentialContract(context);
  });
}
