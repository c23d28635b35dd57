import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { adminRouter } from './routers/admin.js';
import { auditRouter } from './routers/audit.js';
import { approvalsRouter } from './routers/approvals.js';
import { elicitationsRouter } from './routers/elicitations.js';
import { authRouter } from './routers/auth.js';
import { chatRouter } from './routers/chat.js';
import { connectionsRouter } from './routers/connections.js';
import { coachingRouter } from './routers/coaching.js';
import { feedbackRouter } from './routers/feedback.js';
import { groupsRouter } from './routers/groups.js';
import { insightsRouter } from './routers/insights.js';
import { meRouter } from './routers/me.js';
import { searchRouter } from './routers/search.js';
import { practiceRouter } from './routers/practice.js';
import { createTRPCRouter, publicProcedure } from './trpc.js';

export const appRouter = createTRPCRouter({
  /** A liveness round trip (used by the SPA's connection check). */
  ping: publicProcedure.query(({ ctx }) => ({ pong: true, at: new Date(ctx.now()).toISOString() })),
  me: meRouter,
  auth: authRouter,
  chat: chatRouter,
  groups: groupsRouter,
  insights: insightsRouter,
  practice: practiceRouter,
  coaching: coachingRouter,
  feedback: feedbackRouter,
  search: searchRouter,
  admin: adminRouter,
  audit: auditRouter,
  approvals: approvalsRouter,
  elicitations: elicitationsRouter,
  connections: connectionsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
