import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Every TypeScript file of the other packages, apps and benchmarks, tests included. */
function consumerFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const top of ['packages', 'apps'])
    for (const name of readdirSync(join(root, top)))
      if (!(top === 'packages' && name === 'domain')) walk(join(root, top, name));
  walk(join(root, 'bench'));
  return out;
}

/** The names in `{ … }` lists of import/export statements from `module`. */
function namesFrom(text: string, module: string): string[] {
  const pattern = new RegExp(
    String.raw`(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]${module.replace('/', '\\/')}['"]`,
    'g',
  );
  return [...text.matchAll(pattern)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((part) =>
        part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!
          .trim(),
      )
      .filter(Boolean),
  );
}

describe("the domain's public API", () => {
  const index = readFileSync(join(root, 'packages/domain/src/index.ts'), 'utf8');
  const exported = [...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((part) => part.trim().replace(/^type\s+/, ''))
      .filter(Boolean),
  );
  const used = new Set(
    consumerFiles().flatMap((file) => namesFrom(readFileSync(file, 'utf8'), '@salescoach/domain')),
  );

  it('is one explicit list of named exports', () => {
    expect(index).not.toMatch(/export\s+\*/);
    expect(exported.length).toBeGreaterThan(100);
  });

  it('exports only what another package, app or benchmark imports', () => {
    expect(exported.filter((name) => !used.has(name))).toEqual([]);
  });
});
