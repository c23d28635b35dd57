import type { AppRouter, RouterOutputs } from '@salescoach/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type Session = RouterOutputs['chat']['sessions']['list'][number];
export type Group = RouterOutputs['groups']['list'][number];
export type Me = RouterOutputs['me']['get'];
export type AuthInfo = RouterOutputs['auth']['info'];
