import { describe, expect, it } from 'vitest';
import { buildPracticeLibrary, PracticeLibraryError } from './library.js';
import { DIFFICULTIES, SCENARIO_KINDS } from './scenario.js';
import { repoPracticeLibrary, readJsonFiles, PRACTICE_DATA_DIR } from './testing/library-files.js';
import { join } from 'node:path';

describe('practice library files', () => {
  it('the repo ships every kind at every difficulty, each scored against existing methodology files', () => {
    const library = repoPracticeLibrary();
    const pairs = [...library.scenarios.values()].map((s) => `${s.kind}/${s.difficulty}`);
    for (const kind of SCENARIO_KINDS)
      for (const difficulty of DIFFICULTIES) expect(pairs).toContain(`${kind}/${difficulty}`);
    expect([...library.methodologies.keys()].sort()).toEqual([
      'closing',
      'discovery',
      'meddicc',
      'objection-handling',
    ]);
  });

  it('refuses a file that breaks the schema, naming the file and the field', () => {
    const methodology = readJsonFiles(join(PRACTICE_DATA_DIR, 'methodology'));
    const broken = { scenarios: [{ id: 'x', title: 'X', kind: 'chit-chat' }] };
    expect(() => buildPracticeLibrary([{ name: 'mine.json', json: broken }], methodology)).toThrow(
      /mine\.json: scenarios\.0\.kind/,
    );
  });

  it('refuses a scenario that names a methodology no file defines', () => {
    const [first] = readJsonFiles(join(PRACTICE_DATA_DIR, 'scenarios'));
    const methodology = readJsonFiles(join(PRACTICE_DATA_DIR, 'methodology')).filter(
      (f) => f.name !== 'meddicc.json',
    );
    let error: unknown;
    try {
      buildPracticeLibrary(first ? [first] : [], methodology);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PracticeLibraryError);
    expect((error as PracticeLibraryError).problems.join('\n')).toMatch(
      /names methodology "meddicc", which no file defines/,
    );
  });
});
