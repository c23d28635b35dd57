/**
 * A team: who manages whom. `role` is the role the team works in: only questions asked in
 * conversations of that role count for the team's insights (an HR question never reaches a
 * sales manager, even when the asker is on the team). The teams file that lists teams is
 * validated by `@salescoach/config` (`teamsFileSchema`).
 */
export interface Team {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  /** User ids (`dev:morgan`, or `tenantId:objectId` in entra mode). */
  readonly managers: readonly string[];
  readonly members: readonly string[];
  /** In entra mode: Entra ID group object ids whose members are the team's managers / members. */
  readonly entra?: { readonly managersGroupId?: string; readonly membersGroupId?: string };
}

export interface TeamList {
  readonly teams: readonly Team[];
}

/** How a user belongs to a team. */
export type TeamRelation = 'manager' | 'member';

/** A team as one user sees it (what `me.get` returns). */
export interface TeamMembership {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly relation: TeamRelation;
}
