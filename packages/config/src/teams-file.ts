import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonSettingsFile } from './json-settings-file.js';

const userIds = z.array(z.string().min(1).max(200)).max(10_000).default([]);

export const teamFileEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and - only'),
    name: z.string().min(1).max(100),
    role: z.string().min(1).max(64),
    managers: userIds,
    members: userIds,
    entra: z
      .object({
        managersGroupId: z.string().min(1).max(100).optional(),
        membersGroupId: z.string().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const teamsFileSchema = z
  .object({ teams: z.array(teamFileEntrySchema).max(1_000) })
  .strict()
  .refine(
    (f) => new Set(f.teams.map((t) => t.id)).size === f.teams.length,
    'team ids must be unique',
  )
  .refine(
    (f) => new Set(f.teams.map((t) => t.name.toLowerCase())).size === f.teams.length,
    'team names must be unique',
  );

export type TeamsFile = z.infer<typeof teamsFileSchema>;

/** Parses the teams file text; throws an Error naming every problem. */
export function parseTeamsFile(text: string, source = 'teams.json'): TeamsFile {
  return parseJsonSettingsFile(teamsFileSchema, text, source, 'teams file');
}

export async function readTeamsFile(path: string): Promise<TeamsFile> {
  return parseTeamsFile(await readFile(path, 'utf8'), path);
}
