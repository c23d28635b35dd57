import type { SalesCoachClient } from '@salescoach/client';

type Api = SalesCoachClient['api'];

/** Creates a room as `owner` and adds `members` (user ids such as 'dev:sam'; the owner is skipped). */
export async function openRoom(
  owner: Api,
  room: Parameters<Api['groups']['create']['mutate']>[0],
  members: readonly string[],
) {
  const group = await owner.groups.create.mutate(room);
  for (const userId of members) {
    if (userId !== group.ownerId)
      await owner.groups.members.add.mutate({ groupId: group.id, userId });
  }
  return group;
}
