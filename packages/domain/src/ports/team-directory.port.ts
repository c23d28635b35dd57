import type { User } from '../model/user.js';
import type { Team, TeamMembership } from '../team/team.js';

/** Who manages whom. Answers from the verified user only (id, and Entra groups in entra mode). */
export interface TeamDirectory {
  /** Every team the user manages or belongs to, managed teams first. */
  teamsOf(user: User): readonly TeamMembership[];
  /** The teams whose members' questions the user may see in insights (managers: their own; Admin: all). */
  visibleTeams(user: User): readonly Team[];
  /** The team with this id or name, if any. */
  find(idOrName: string): Team | undefined;
  all(): readonly Team[];
}
