import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (
        /\.(ts|tsx|mts)$/.test(name) &&
        !/\.(test|spec)\.tsx?$/.test(name) &&
        !name.endsWith('.d.ts')
      )
        out.push(path);
    }
  };
  walk(dir);
  return out;
}

function workspaceSources(): string[] {
  return ['packages', 'apps'].flatMap((top) =>
    readdirSync(join(root, top)).flatMap((name) => {
      const src = join(root, top, name, 'src');
      try {
        return statSync(src).isDirectory() ? sourceFiles(src) : [];
      } catch {
        return [];
      }
    }),
  );
}

const importedModules = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );

const INFRASTRUCTURE =
  /^(@azure\/|openai($|\/)|ws$|express$|ioredis$|node:sqlite$|@modelcontextprotocol\/|@trpc\/)/;
const ADAPTERS = ['store', 'llm', 'mcp', 'realtime', 'auth'];

describe('architecture rules', () => {
  it('packages/domain imports no infrastructure', () => {
    const offenders = sourceFiles(join(root, 'packages/domain/src')).flatMap((file) =>
      importedModules(readFileSync(file, 'utf8'))
        .filter((m) => INFRASTRUCTURE.test(m))
        .map((m) => `${relative(root, file)} imports ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the domain declares its ports in packages/domain/src/ports', () => {
    const elsewhere = sourceFiles(join(root, 'packages/domain/src'))
      .map((file) => relative(root, file))
      .filter(
        (file) => file.endsWith('.port.ts') && !file.startsWith('packages/domain/src/ports/'),
      );
    expect(elsewhere).toEqual([]);
  });

  it('only packages/config reads process.env', () => {
    const offenders = workspaceSources()
      .filter((file) => !relative(root, file).startsWith('packages/config/'))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('adapters never import each other (only apps/api composes them)', () => {
    const offenders = ADAPTERS.flatMap((adapter) => {
      const dir = join(root, 'packages', adapter, 'src');
      return sourceFiles(dir).flatMap((file) =>
        importedModules(readFileSync(file, 'utf8'))
          .filter((m) =>
            ADAPTERS.some(
              (other) =>
                other !== adapter &&
                (m === `@salescoach/${other}` || m.startsWith(`@salescoach/${other}/`)),
            ),
          )
          .map((m) => `${relative(root, file)} imports ${m}`),
      );
    });
    expect(offenders).toEqual([]);
  });

  it('the rules see the code they guard (the scan is not empty)', () => {
    expect(sourceFiles(join(root, 'packages/domain/src')).length).toBeGreaterThan(10);
    expect(workspaceSources().length).toBeGreaterThan(30);
  });
});
