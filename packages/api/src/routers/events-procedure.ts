import type { FollowedEvent } from '@salescoach/domain';
import { z } from 'zod';
import { protectedProcedure } from '../trpc.js';
import { lastEventIdSchema } from './inputs.js';
import { followSubscription } from './subscription-item.js';

/** A signed-in procedure's context (`ctx.user`, `ctx.identity`, `ctx.services`). */
type SignedInContext = Parameters<Parameters<typeof protectedProcedure.query>[0]>[0]['ctx'];

/**
 * A conversation's live events, the one shape of every `events` subscription (chat, rooms,
 * practice, whispers): `ref` names the conversation; the domain's follower is opened (and
 * authorized) first, then it replays after `lastEventId` and goes live, every stored event
 * tracked.
 */
export const eventsProcedure = <Shape extends z.ZodRawShape>(
  ref: Shape,
  follow: (
    ctx: SignedInContext,
    input: z.output<z.ZodObject<Shape>>,
    lastEventId: string | null | undefined,
    signal: AbortSignal,
  ) => Promise<AsyncGenerator<FollowedEvent>>,
) =>
  protectedProcedure
    .input(z.object({ ...ref, lastEventId: lastEventIdSchema }))
    .subscription(({ ctx, input, signal }) => {
      // The generic shape hides `lastEventId` from the compiler; the schema above requires it.
      const given = input as z.output<z.ZodObject<Shape>> & { lastEventId?: string | null };
      return followSubscription(
        (last, stop) => follow(ctx, given, last, stop),
        given.lastEventId,
        signal,
      );
    });
