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

export function isMember(group: Pick<Group, 'members'>, userId: string): boolean {
  return group.members.some((m) => m.userId === userId);
}
