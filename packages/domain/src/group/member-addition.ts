import type { Group } from '../model/group.js';
import type { DirectoryEntry } from './group-service-deps.js';

/**
 * The coach answers in a room with the ROOM's role: a member who does not hold that role
 * sees, in the room, answers built from data their own role could not reach.
 */
export interface RoleWarning {
  readonly code: 'ROLE_NOT_HELD';
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly roles: readonly string[];
  readonly message: string;
}

export interface MemberAddition {
  readonly group: Group;
  /** False when the person was already in the room (nothing changed). */
  readonly added: boolean;
  /** Set when the person does not hold the room's role. */
  readonly warning: RoleWarning | null;
}

export function roleWarningFor(group: Group, person: DirectoryEntry): RoleWarning | null {
  if (person.roles.includes(group.role)) return null;
  const held = person.roles.length > 0 ? person.roles.join(', ') : 'no role';
  return {
    code: 'ROLE_NOT_HELD',
    userId: person.userId,
    name: person.name,
    role: group.role,
    roles: [...person.roles],
    message:
      `${person.name} does not hold the role ${group.role} (holds ${held}). In this room the ` +
      `coach answers with ${group.role} tools and data, so ${person.name} will see what ` +
      `${group.role} may see.`,
  };
}
