import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTeamsFile, readTeamsFile } from './teams-file.js';

const repoRoot = join(import.meta.dirname, '../../..');

describe('teams file', () => {
  it('ships the dev teams: morgan manages alex and sam (West)', async () => {
    const file = await readTeamsFile(join(repoRoot, 'teams.json'));
    expect(file.teams).toEqual([
      {
        id: 'west',
        name: 'West',
        role: 'Sales',
        managers: ['dev:morgan'],
        members: ['dev:alex', 'dev:sam'],
      },
    ]);
  });

  it('names every problem of an invalid file', () => {
    const text = JSON.stringify({
      teams: [
        { id: 'West Coast', name: 'West', role: 'Sales', members: [1] },
        { id: 'east', name: 'west', role: '', extra: true },
      ],
    });
    const error = (() => {
      try {
        parseTeamsFile(text);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toContain('teams.0.id');
    expect(error?.message).toContain('teams.0.members.0');
    expect(error?.message).toContain('teams.1.role');
    expect(error?.message).toContain('teams.1: Unrecognized key');
    expect(() => parseTeamsFile('{')).toThrow(/not valid JSON/);
  });

  it('refuses duplicate team names', () => {
    const team = { role: 'Sales', managers: [], members: [] };
    expect(() =>
      parseTeamsFile(
        JSON.stringify({
          teams: [
            { ...team, id: 'a', name: 'West' },
            { ...team, id: 'b', name: 'west' },
          ],
        }),
      ),
    ).toThrow(/team names must be unique/);
  });
});
