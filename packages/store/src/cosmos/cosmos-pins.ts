import {
  pinnedAnswerSchema,
  type PinnedAnswer,
  type PinnedAnswerRepository,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';
import { newestPerTeam } from './team-partition.js';

/**
 * Team FAQ entries live in the `questions` container (partition key `/day`), each team's in
 * its own partition `pins|<teamId>`: listing a team's entries is a single-partition query.
 */
interface PinDoc extends Omit<PinnedAnswer, 'id'> {
  id: string;
  pinId: string;
  type: 'pinned-answer';
  day: string;
}

const partitionOf = (teamId: string) => `pins|${teamId}`;
const docId = (pinId: string) => `pin|${pinId}`;

export function createCosmosPins(ctx: CosmosContext): PinnedAnswerRepository {
  return {
    async add(pin) {
      const valid = validateIncoming(pinnedAnswerSchema, pin, 'pinned answer');
      const { id, ...rest } = valid;
      const doc: PinDoc = {
        ...rest,
        id: docId(id),
        pinId: id,
        type: 'pinned-answer',
        day: partitionOf(valid.teamId),
      };
      await ctx.ops.create('pin.add', ctx.questions, doc);
      return valid;
    },
    async listByTeams(teamIds, { limit }) {
      const docs = await newestPerTeam<PinDoc>(
        ctx,
        'pin.list',
        'pinned-answer',
        teamIds.map(partitionOf),
        limit,
      );
      return docs.map((d) => {
        const { id: _id, pinId, type: _type, day: _day, ...rest } = d;
        return decodeStored(pinnedAnswerSchema, { ...rest, id: pinId }, 'pinned answer', pinId);
      });
    },
    async remove(teamId, pinId) {
      return ctx.ops.delete('pin.remove', ctx.questions, docId(pinId), partitionOf(teamId));
    },
  };
}
