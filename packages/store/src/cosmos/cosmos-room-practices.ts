import {
  DomainError,
  DomainErrorCode,
  roomPracticeSchema,
  whisperSchema,
  type RoomPractice,
  type RoomPracticeRepository,
  type Whisper,
} from '@salescoach/domain';
import { decodeStored, validateIncoming } from '../validation/stored-document.js';
import type { CosmosContext } from './cosmos-context.js';

/** In `groups`, in the room's partition: the room's practices and their whispers. */
interface RoomPracticeDoc {
  id: string;
  type: 'room-practice';
  groupId: string;
  createdMs: number;
  entry: RoomPractice;
}

interface WhisperDoc {
  id: string;
  type: 'whisper';
  groupId: string;
  practiceId: string;
  fromId: string;
  toId: string;
  createdMs: number;
  whisper: Whisper;
}

const entryDocId = (practiceId: string) => `room-practice:${practiceId}`;
const whisperDocId = (id: string) => `whisper:${id}`;
const bounded = (limit: number) => Math.max(0, Math.floor(limit));

/** Deletes a room's practice entries and whispers, 100 per transactional batch (with the room). */
export async function deleteRoomPractices(
  ctx: CosmosContext,
  operation: string,
  groupId: string,
): Promise<void> {
  const ids = await ctx.ops.query<{ id: string }>(
    operation,
    ctx.groups,
    {
      query: `SELECT c.id FROM c WHERE c.groupId = @pk AND (c.type = 'room-practice' OR c.type = 'whisper')`,
      parameters: [{ name: '@pk', value: groupId }],
    },
    groupId,
  );
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids
      .slice(i, i + 100)
      .map(({ id }) => ({ operationType: 'Delete' as const, id, partitionKey: groupId }));
    await ctx.ops.batch(operation, ctx.groups, groupId, chunk);
  }
}

export function createCosmosRoomPractices(ctx: CosmosContext): RoomPracticeRepository {
  /** The first `top` docs of one type in the room's partition, by `createdMs`. */
  const queryRoom = async <D>(
    operation: string,
    groupId: string,
    type: string,
    top: number,
    order: 'ASC' | 'DESC',
    where = '',
    parameters: { name: string; value: string }[] = [],
  ): Promise<D[]> =>
    top === 0
      ? []
      : ctx.ops.query<D>(
          operation,
          ctx.groups,
          {
            query: `SELECT TOP ${top} * FROM c WHERE c.groupId = @pk AND c.type = @type${where} ORDER BY c.createdMs ${order}`,
            parameters: [
              { name: '@pk', value: groupId },
              { name: '@type', value: type },
              ...parameters,
            ],
          },
          groupId,
        );
  const fromEntryDoc = (doc: RoomPracticeDoc) =>
    decodeStored(roomPracticeSchema, doc.entry, 'room practice', String(doc.id));
  return {
    async add(input) {
      const entry = validateIncoming(roomPracticeSchema, input, 'room practice');
      const doc: RoomPracticeDoc = {
        id: entryDocId(entry.practiceId),
        type: 'room-practice',
        groupId: entry.groupId,
        createdMs: Date.parse(entry.createdAt),
        entry,
      };
      if (!(await ctx.ops.create('roomPractice.add', ctx.groups, doc)))
        throw new DomainError(DomainErrorCode.Conflict, 'Practice already in this room');
      return entry;
    },
    async get(groupId, practiceId) {
      const found = await ctx.ops.read<RoomPracticeDoc>(
        'roomPractice.get',
        ctx.groups,
        entryDocId(practiceId),
        groupId,
      );
      return found?.doc.type === 'room-practice' ? fromEntryDoc(found.doc) : null;
    },
    async listByGroup(groupId, { limit }) {
      const docs = await queryRoom<RoomPracticeDoc>(
        'roomPractice.list',
        groupId,
        'room-practice',
        bounded(limit),
        'DESC',
      );
      return docs.map(fromEntryDoc);
    },
    async addWhisper(input) {
      const whisper = validateIncoming(whisperSchema, input, 'whisper');
      const doc: WhisperDoc = {
        id: whisperDocId(whisper.id),
        type: 'whisper',
        groupId: whisper.groupId,
        practiceId: whisper.practiceId,
        fromId: whisper.from.userId,
        toId: whisper.to.userId,
        createdMs: Date.parse(whisper.createdAt),
        whisper,
      };
      if (!(await ctx.ops.create('whisper.add', ctx.groups, doc)))
        throw new DomainError(DomainErrorCode.Conflict, 'Whisper already exists');
      return whisper;
    },
    async listWhispers(groupId, practiceId, viewerId, { limit }) {
      // The viewer filter is in the query: a whisper between two others is never read.
      const docs = await queryRoom<WhisperDoc>(
        'whisper.list',
        groupId,
        'whisper',
        bounded(limit),
        'ASC',
        ' AND c.practiceId = @p AND (c.fromId = @v OR c.toId = @v)',
        [
          { name: '@p', value: practiceId },
          { name: '@v', value: viewerId },
        ],
      );
      return docs.map((doc) => decodeStored(whisperSchema, doc.whisper, 'whisper', String(doc.id)));
    },
  };
}
