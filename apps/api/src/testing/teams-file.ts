import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A teams file (TEAMS_FILE) in its own temporary directory, outliving any one test stack. */
export async function writeTeamsFile(
  teams: readonly Record<string, unknown>[],
): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'salescoach-teams-'));
  const file = join(dir, 'teams.json');
  await writeFile(file, JSON.stringify({ teams }));
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The dev West team: morgan manages alex and sam. */
export const WEST_TEAM = {
  id: 'west',
  name: 'West',
  role: 'Sales',
  managers: ['dev:morgan'],
  members: ['dev:alex', 'dev:sam'],
} as const;

/** A second team in another role, managed by nobody on the dev list: riley's. */
export const PEOPLE_TEAM = {
  id: 'people',
  name: 'People',
  role: 'HR',
  managers: [],
  members: ['dev:riley'],
} as const;
