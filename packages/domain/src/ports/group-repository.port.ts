import type { Group, GroupMember, GroupMembership } from '../model/group.js';

export interface GroupRepository {
  create(group: Group): Promise<Group>;
  get(groupId: string): Promise<Group | null>;
  /**
   * The room and this one member, without reading the other members (a send to a room of
   * thousands checks one membership); null when there is no such room or member.
   */
  membership(groupId: string, userId: string): Promise<GroupMembership | null>;
  /** Replaces name, description, aiMode (not members, not lastSeq). */
  update(
    group: Pick<Group, 'id' | 'name' | 'description' | 'aiMode' | 'updatedAt'>,
  ): Promise<Group | null>;
  /** Deletes the group, its messages and every membership record. */
  delete(groupId: string): Promise<boolean>;
  addMember(groupId: string, member: GroupMember): Promise<Group | null>;
  removeMember(groupId: string, userId: string): Promise<Group | null>;
  /** Groups the user belongs to, newest activity first. */
  listForUser(userId: string): Promise<Group[]>;
}
