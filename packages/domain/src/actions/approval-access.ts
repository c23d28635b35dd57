import type { Group } from '../model/group.js';
import { isMember } from '../model/group.js';
import { hasRole, type User } from '../model/user.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { ApprovalRecord } from './approval.js';

export interface ApprovalAccessDeps {
  readonly teams: TeamDirectory;
  /** A room as it is now (its members), or null when it is gone. */
  readonly room: (groupId: string) => Promise<Group | null>;
}

/**
 * Who may see and who may decide a request, checked on the server for every read and every
 * decision, from the verified user only:
 *
 * - in a room: the room's current members see it; of them, the asker decides a `self`
 *   request and holders of the role decide a `{ role }` request;
 * - 1-on-1: the asker sees and decides a `self` request; a `{ role }` request is seen and
 *   decided by holders of the role who share a team with the asker (its manager, or a
 *   colleague holding the role); the asker sees it too, and decides it only when holding the
 *   role. An asker in no team has no one to decide a role request: it expires.
 */
export class ApprovalAccess {
  constructor(private readonly deps: ApprovalAccessDeps) {}

  async canSee(user: User, record: ApprovalRecord): Promise<boolean> {
    if (record.conversation.kind === 'group') {
      const room = await this.deps.room(record.conversation.id);
      return room !== null && isMember(room, user.id);
    }
    if (user.id === record.asker.id) return true;
    return this.eligibleInTeam(user, record);
  }

  async canDecide(user: User, record: ApprovalRecord): Promise<boolean> {
    if (!(await this.canSee(user, record))) return false;
    const { policy } = record;
    if (policy === 'none') return false;
    if (policy === 'self') return user.id === record.asker.id;
    if (!hasRole(user, policy.role)) return false;
    // In a room, membership was checked above; 1-on-1, the team scope decides (or it is the asker).
    return (
      record.conversation.kind === 'group' ||
      user.id === record.asker.id ||
      this.eligibleInTeam(user, record)
    );
  }

  /** The decider holds the role and shares a team with the asker. */
  private eligibleInTeam(user: User, record: ApprovalRecord): boolean {
    const { policy } = record;
    if (typeof policy !== 'object' || !hasRole(user, policy.role)) return false;
    const askerTeams = new Set(this.deps.teams.teamsOf(record.asker).map((t) => t.id));
    return this.deps.teams.teamsOf(user).some((t) => askerTeams.has(t.id));
  }
}
