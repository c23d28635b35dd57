import { forbidden } from '../errors/domain-error.js';
import type { Group, GroupMembership } from '../model/group.js';
import { isMember } from '../model/group.js';
import type { GroupRepository } from '../ports/group-repository.port.js';

/**
 * The one answer for "no such room" AND "not your room": FORBIDDEN with the same message,
 * so a non-member cannot tell whether a room id exists.
 */
export const notAMember = () => forbidden('You are not a member of this room');

/** The room, if `userId` is one of its members; FORBIDDEN otherwise (missing rooms included). */
export async function requireMember(
  groups: GroupRepository,
  groupId: string,
  userId: string,
): Promise<Group> {
  const group = await groups.get(groupId);
  if (!group || !isMember(group, userId)) throw notAMember();
  return group;
}

/** The room's header and the member, if `userId` is one (one membership read); FORBIDDEN otherwise. */
export async function requireMembership(
  groups: GroupRepository,
  groupId: string,
  userId: string,
): Promise<GroupMembership> {
  const membership = await groups.membership(groupId, userId);
  if (!membership) throw notAMember();
  return membership;
}

/** The room, if `userId` owns it; FORBIDDEN otherwise. */
export async function requireOwner(
  groups: GroupRepository,
  groupId: string,
  userId: string,
): Promise<Group> {
  const group = await requireMember(groups, groupId, userId);
  if (group.ownerId !== userId) throw forbidden("Only the room's owner can do that");
  return group;
}
