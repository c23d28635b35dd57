import { resolve } from 'node:path';
import { readTeamsFile, type Settings } from '@salescoach/config';
import { StaticTeamDirectory, type Logger, type TeamDirectory } from '@salescoach/domain';

/**
 * The team directory from `TEAMS_FILE`. A missing file means no teams (nobody's questions
 * reach insights); an invalid one stops start-up. In entra mode, teams may also map Entra
 * group ids, matched against the verified token's `groups` claim.
 */
export async function openTeamDirectory(
  settings: Settings,
  logger: Logger,
): Promise<TeamDirectory> {
  const path = resolve(settings.TEAMS_FILE);
  const file = await readTeamsFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    logger.warn({ path }, 'teams file not found: no teams, insights show nothing');
    return { teams: [] };
  });
  return new StaticTeamDirectory(file, { entraGroups: settings.AUTH_MODE === 'entra' });
}
