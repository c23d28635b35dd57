import type { User } from '../model/user.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team, TeamList, TeamMembership, TeamRelation } from './team.js';

export interface StaticTeamDirectoryOptions {
  /** Also match Entra group ids from the token's `groups` claim (entra mode). */
  readonly entraGroups: boolean;
}

/**
 * The team directory over a validated teams file. A user belongs to a team when their id
 * is listed, or (entra mode) when their token's `groups` claim holds the team's mapped
 * Entra group id. Admins see every team's questions; nobody else sees a team they do not manage.
 */
export class StaticTeamDirectory implements TeamDirectory {
  private readonly teams: readonly Team[];

  constructor(
    file: TeamList,
    private readonly options: StaticTeamDirectoryOptions = { entraGroups: false },
  ) {
    this.teams = file.teams;
  }

  teamsOf(user: User): readonly TeamMembership[] {
    const out: TeamMembership[] = [];
    for (const relation of ['manager', 'member'] as const) {
      for (const team of this.teams) {
        if (out.some((t) => t.id === team.id)) continue;
        if (this.holds(user, team, relation))
          out.push({ id: team.id, name: team.name, role: team.role, relation });
      }
    }
    return out;
  }

  visibleTeams(user: User): readonly Team[] {
    if (user.roles.includes('Admin')) return this.teams;
    if (!user.roles.includes('Manager')) return [];
    return this.teams.filter((team) => this.holds(user, team, 'manager'));
  }

  find(idOrName: string): Team | undefined {
    const key = idOrName.toLowerCase();
    return this.teams.find((t) => t.id === key || t.name.toLowerCase() === key);
  }

  all(): readonly Team[] {
    return this.teams;
  }

  private holds(user: User, team: Team, relation: TeamRelation): boolean {
    const ids = relation === 'manager' ? team.managers : team.members;
    if (ids.includes(user.id)) return true;
    if (!this.options.entraGroups || !team.entra) return false;
    const groupId = relation === 'manager' ? team.entra.managersGroupId : team.entra.membersGroupId;
    return groupId !== undefined && (user.groups ?? []).includes(groupId);
  }
}
