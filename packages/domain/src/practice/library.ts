import { type z } from 'zod';
import { methodologySchema, type Methodology, type MethodologyLibrary } from './methodology.js';
import { scenarioFileSchema, type Scenario } from './scenario.js';

/** The scenarios and methodology files an installation uses, validated together. */
export interface PracticeLibrary {
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly methodologies: MethodologyLibrary;
}

/** A data file as read from disk: its name (for messages) and its parsed JSON. */
export interface DataFile {
  readonly name: string;
  readonly json: unknown;
}

export class PracticeLibraryError extends Error {
  override readonly name = 'PracticeLibraryError';
  constructor(readonly problems: readonly string[]) {
    super(`Practice data files are invalid:\n- ${problems.join('\n- ')}`);
  }
}

const describe = (file: string, error: z.ZodError): string[] =>
  error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);

/**
 * Validates every file with its zod schema, checks ids are unique and every scenario's
 * methodology exists; throws one error listing every problem.
 */
export function buildPracticeLibrary(
  scenarioFiles: readonly DataFile[],
  methodologyFiles: readonly DataFile[],
): PracticeLibrary {
  const problems: string[] = [];
  const methodologies = new Map<string, Methodology>();
  for (const file of methodologyFiles) {
    const parsed = methodologySchema.safeParse(file.json);
    if (!parsed.success) {
      problems.push(...describe(file.name, parsed.error));
      continue;
    }
    if (methodologies.has(parsed.data.id))
      problems.push(`${file.name}: methodology id "${parsed.data.id}" is used twice`);
    methodologies.set(parsed.data.id, parsed.data);
  }
  const scenarios = new Map<string, Scenario>();
  for (const file of scenarioFiles) {
    const parsed = scenarioFileSchema.safeParse(file.json);
    if (!parsed.success) {
      problems.push(...describe(file.name, parsed.error));
      continue;
    }
    for (const scenario of parsed.data.scenarios) {
      if (scenarios.has(scenario.id))
        problems.push(`${file.name}: scenario id "${scenario.id}" is used twice`);
      if (scenario.id.startsWith('deal-') || scenario.id.startsWith('team:'))
        problems.push(
          `${file.name}: scenario id "${scenario.id}" must not start with "deal-" or "team:"`,
        );
      problems.push(
        ...methodologyProblems(scenario, methodologies).map((p) => `${file.name}: ${p}`),
      );
      scenarios.set(scenario.id, scenario);
    }
  }
  if (methodologies.size === 0) problems.push('no methodology file was found');
  if (problems.length > 0) throw new PracticeLibraryError(problems);
  return { scenarios, methodologies };
}

/** A scenario's methodology ids that no methodology file defines, as problems. */
export function methodologyProblems(
  scenario: Pick<Scenario, 'id' | 'methodology'>,
  methodologies: MethodologyLibrary,
): string[] {
  return scenario.methodology
    .filter((id) => !methodologies.has(id))
    .map((id) => `scenario "${scenario.id}" names methodology "${id}", which no file defines`);
}
