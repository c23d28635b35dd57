import { forbidden } from '../errors/domain-error.js';
import type { User } from '../model/user.js';
import type { TeamDirectory } from '../ports/team-directory.port.js';
import type { Team } from '../team/team.js';

/** The team if `user` manages it (a listed manager holding Manager, or Admin); FORBIDDEN otherwise. */
export function managedTeam(teams: TeamDirectory, user: User, teamId: string, what: string): Team {
  const team = teams.visibleTeams(user).find((t) => t.id === teamId);
  if (!team) throw forbidden(`Only the team’s managers can ${what}`);
  return team;
}

/** True when `user` is on the team (member or manager) or may see it (Admin). */
export function onTeam(teams: TeamDirectory, user: User, teamId: string): boolean {
  return (
    teams.teamsOf(user).some((t) => t.id === teamId) ||
    teams.visibleTeams(user).some((t) => t.id === teamId)
  );
}
