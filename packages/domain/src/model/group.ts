import { z } from 'zod';
import { idSchema, isoDateSchema } from './ids.js';
import { roleSchema } from './user.js';

export const groupMemberSchema = z.object({
  userId: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  kind: z.enum(['owner', 'member']),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const aiModeSchema = z.enum(['mention', 'always']);
export type AiMode = z.infer<typeof aiModeSchema>;

/** The most members any room may hold, whatever ROOM_MAX_MEMBERS says (it allows up to 10,000). */
export const MAX_GROUP_MEMBERS = 10_000;

/** A room where people talk together; the coach joins with the ROOM's role. */
export const groupSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  description: z.string().max(1_000),
  role: roleSchema,
  ownerId: z.string().min(1).max(200),
  members: z.array(groupMemberSchema).min(1).max(MAX_GROUP_MEMBERS),
  aiMode: aiModeSchema,
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  lastSeq: z.number().int().min(0),
});
export type Group = z.infer<typeof groupSchema>;

/** A room without its member list: what a send needs to know about the room it goes to. */
export const groupHeaderSchema = groupSchema.omit({ members: true });
export type GroupHeader = z.infer<typeof groupHeaderSchema>;

/** One member of one room, with the room (not its other members). */
export interface GroupMembership {
  readonly group: GroupHeader;
  readonly member: GroupMember;
}

/** The membership of `userId` in `group`, from a whole group (adapters that hold one). */
export function membershipIn(group: Group, userId: string): GroupMembership | null {
  const member = group.members.find((m) => m.userId === userId);
  if (!member) return null;
  const { members: _members, ...header } = group;
  return { group: header, member };
}

export function isMember(group: Pick<Group, 'members'>, userId: string): boolean {
  return group.members.some((m) => m.userId === userId);
}
