export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root.js';
export { createCallerFactory, toTrpcError } from './trpc.js';
export type {
  CoachingApi,
  ApiContext,
  ApiServices,
  ConnectionGate,
  AuthApi,
  AuthInfo,
  DevUserSummary,
  Identity,
} from './context.js';
export type { SubscriptionItem } from './routers/subscription-item.js';
export { pushEntryOf, type ItemSink, type PushableItems } from './pushed-items.js';
