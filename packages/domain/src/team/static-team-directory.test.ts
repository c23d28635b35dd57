import { describe, expect, it } from 'vitest';
import type { User } from '../model/user.js';
import { StaticTeamDirectory } from './static-team-directory.js';
import type { TeamList } from './team.js';

const user = (id: string, roles: string[], groups?: string[]): User => ({
  id,
  tenantId: 't',
  name: id,
  email: '',
  roles,
  ...(groups ? { groups } : {}),
});

const file: TeamList = {
  teams: [
    {
      id: 'west',
      name: 'West',
      role: 'Sales',
      managers: ['dev:morgan'],
      members: ['dev:alex', 'dev:sam'],
    },
    {
      id: 'east',
      name: 'East',
      role: 'Sales',
      managers: [],
      members: ['dev:jo'],
      entra: { managersGroupId: 'g-east-managers', membersGroupId: 'g-east-reps' },
    },
  ],
};

describe('StaticTeamDirectory', () => {
  const directory = new StaticTeamDirectory(file);

  it('tells each user their teams, and managers the teams they may see', () => {
    expect(directory.teamsOf(user('dev:morgan', ['Manager']))).toEqual([
      { id: 'west', name: 'West', role: 'Sales', relation: 'manager' },
    ]);
    expect(directory.teamsOf(user('dev:alex', ['Sales']))).toEqual([
      { id: 'west', name: 'West', role: 'Sales', relation: 'member' },
    ]);
    expect(directory.teamsOf(user('dev:riley', ['HR']))).toEqual([]);
    expect(directory.visibleTeams(user('dev:morgan', ['Manager'])).map((t) => t.id)).toEqual([
      'west',
    ]);
    expect(directory.visibleTeams(user('dev:admin', ['Admin'])).map((t) => t.id)).toEqual([
      'west',
      'east',
    ]);
  });

  it('gives a listed manager without the Manager role, and reps, no insights', () => {
    expect(directory.visibleTeams(user('dev:morgan', ['Sales']))).toEqual([]);
    expect(directory.visibleTeams(user('dev:alex', ['Sales']))).toEqual([]);
  });

  it('finds teams by id or name', () => {
    expect(directory.find('West')?.id).toBe('west');
    expect(directory.find('east')?.name).toBe('East');
    expect(directory.find('north')).toBeUndefined();
  });

  it('maps Entra group ids only in entra mode', () => {
    const lead = user('t:oid-1', ['Manager'], ['g-east-managers']);
    const rep = user('t:oid-2', ['Sales'], ['g-east-reps', 'other']);
    expect(directory.teamsOf(lead)).toEqual([]);
    const entra = new StaticTeamDirectory(file, { entraGroups: true });
    expect(entra.teamsOf(lead)).toEqual([
      { id: 'east', name: 'East', role: 'Sales', relation: 'manager' },
    ]);
    expect(entra.visibleTeams(lead).map((t) => t.id)).toEqual(['east']);
    expect(entra.teamsOf(rep)).toEqual([
      { id: 'east', name: 'East', role: 'Sales', relation: 'member' },
    ]);
    expect(entra.teamsOf(user('t:oid-3', ['Sales'], ['other']))).toEqual([]);
  });
});
