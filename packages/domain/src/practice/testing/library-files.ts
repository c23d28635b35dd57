import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPracticeLibrary, type DataFile, type PracticeLibrary } from '../library.js';

/** The repo's own practice data (for tests): `practice/` at the workspace root. */
export const PRACTICE_DATA_DIR = join(import.meta.dirname, '../../../../../practice');

export function readJsonFiles(dir: string): DataFile[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}

export function repoPracticeLibrary(): PracticeLibrary {
  return buildPracticeLibrary(
    readJsonFiles(join(PRACTICE_DATA_DIR, 'scenarios')),
    readJsonFiles(join(PRACTICE_DATA_DIR, 'methodology')),
  );
}

export function exampleTurns(name: 'good' | 'bad'): string[] {
  return readFileSync(join(PRACTICE_DATA_DIR, 'examples', `${name}.txt`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
