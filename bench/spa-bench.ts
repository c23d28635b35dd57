import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './api-env.js';
import { row, type BenchRow } from './bench-row.js';

const run = promisify(execFile);
const web = join(repoRoot, 'apps/web');
const KB = 1024;

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}

/** Gzipped bytes of the entry chunks and everything they import statically (lazy chunks excluded). */
async function initialJsGzip(dist: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  let bytes = 0;
  const visit = async (key: string): Promise<void> => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    if (chunk.file.endsWith('.js'))
      bytes += gzipSync(await readFile(join(dist, chunk.file)), { level: 9 }).length;
    for (const dep of chunk.imports ?? []) await visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) await visit(key);
  return bytes;
}

/** The app's figure, from its own report script when present (it reads the same manifest). */
async function appInitialJs(): Promise<number> {
  const script = join(web, 'scripts/bundle-size.mjs');
  if (!existsSync(script)) return initialJsGzip(join(web, 'dist'));
  // The script exits non-zero over budget but still prints its figure first.
  const { stdout } = await run(process.execPath, [script]).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? '',
  }));
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) return initialJsGzip(join(web, 'dist'));
  return (JSON.parse(line) as { initialJsGzipBytes: number }).initialJsGzipBytes;
}

/**
 * The baseline: a React "hello" page built by the same Vite, in a scratch folder inside the
 * web app's node_modules (so `react` resolves as it does for the app; git ignores it).
 */
async function reactHelloInitialJs(): Promise<number> {
  const dir = join(web, 'node_modules/.salescoach-bench-baseline');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>',
    );
    await writeFile(
      join(dir, 'main.js'),
      "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('h1', null, 'Hello'));\n",
    );
    // Same build target as the app (apps/web/vite.config.ts), React's production build.
    await writeFile(
      join(dir, 'vite.config.mjs'),
      "export default { logLevel: 'error', build: { manifest: true, target: 'es2022', outDir: 'dist' } };\n",
    );
    const vite = join(web, 'node_modules/vite/bin/vite.js');
    await run(process.execPath, [vite, 'build'], { cwd: dir, timeout: 120_000 }).catch(
      (error: { stderr?: string }) => {
        throw new Error(`the baseline build failed: ${(error.stderr ?? '').slice(0, 300)}`);
      },
    );
    return await initialJsGzip(join(dir, 'dist'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 6. The SPA's initial JavaScript, gzipped, from the production build (`pnpm bench` builds it first). */
export async function runSpaBench(): Promise<BenchRow[]> {
  if (!existsSync(join(web, 'dist/.vite/manifest.json')))
    throw new Error(
      'apps/web/dist has no manifest: run `pnpm --filter @salescoach/web build` first',
    );
  const app = await appInitialJs();
  const hello = await reactHelloInitialJs();
  const result = row({
    metric: 'SPA: initial JavaScript, gzipped',
    value: app / KB,
    baseline: hello / KB,
    unit: 'KB',
    goal: '≤ 150 KB',
    note: 'entry chunk and its static imports (lazy chunks excluded), gzip -9; baseline: a React "hello" page built by the same Vite',
  });
  result.pass = result.value <= 150;
  return [result];
}
